"""Reads that count the cooperation as the seed states it."""

import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from apps.agreements.models import Contract, CooperationAgreement
from apps.core.scope import cities_containing
from apps.events.models import ExchangeEvent
from apps.funds.models import CooperationFund
from apps.institutes.models import JointInstitute
from apps.offices.models import CooperationOffice
from apps.projects.models import ProjectSite
from apps.regions.models import City, CityLevel, Province

# Records whose place makes a region "cooperating": (model, path to its province, path to city).
REGIONAL_RECORDS = [
    (CooperationAgreement, "province", "city"),
    (Contract, "province", "city"),
    (ProjectSite, "province", "city"),
    (JointInstitute, "province", "city"),
    (CooperationFund, "province", "city"),
    (CooperationOffice, "province", "city"),
    (ExchangeEvent, "province", "city"),
]


def cooperating_provinces():
    condition = Q()
    for model, province_path, _city_path in REGIONAL_RECORDS:
        condition |= Q(pk__in=model.objects.values(province_path))
    return Province.objects.filter(condition)


def cooperating_prefecture_cities():
    """Prefecture-level cities with a record in them or in one of their districts."""
    condition = Q(pk__in=[])
    for model, _province_path, city_path in REGIONAL_RECORDS:
        condition |= cities_containing(model.objects.all(), city_path)
    return City.objects.filter(condition, level=CityLevel.PREFECTURE)


def events_per_year():
    rows = (
        ExchangeEvent.objects.annotate(year=ExtractYear("start_on"))
        .values("year")
        .annotate(total=Count("pk"))
        .order_by("year")
    )
    return {row["year"]: row["total"] for row in rows}


def cooperation_figures(today=None):
    today = today or datetime.date.today()
    offices = CooperationOffice.objects.all()
    per_year = events_per_year()
    return {
        "provincial-level units cooperating": cooperating_provinces().count(),
        "prefecture-level cities cooperating": cooperating_prefecture_cities().count(),
        "cooperation offices": offices.count(),
        "office activities": ExchangeEvent.objects.filter(office__isnull=False).count(),
        "contract value through offices (CNY)": Contract.objects.filter(
            office__isnull=False
        ).aggregate(total=Sum("amount"))["total"]
        or 0,
        "cooperation funds": CooperationFund.objects.count(),
        "fewest exchange events in a full year": min(
            (total for year, total in per_year.items() if year < today.year), default=0
        ),
    }
