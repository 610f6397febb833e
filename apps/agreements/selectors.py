"""Reads about agreements that other apps build on."""

import datetime

from django.db.models import Count, DateField, DecimalField, Min, Q, Sum, Value
from django.db.models.functions import Coalesce

from apps.agreements.lifecycle import status_on
from apps.agreements.models import AgreementKind, AgreementStatus, CooperationAgreement
from apps.core.scope import city_contains


class AgreementChooser:
    """Picks the agreement a record of a place and date serves by default.

    The rule, stated once: among the agreements in force on the date (by the one rule of
    ``apps.agreements.lifecycle``: begun, not past their end, not terminated, an open term not
    yet superseded by its renewal) with the record's region, the
    nearest party wins: an agreement with the record's own city or district, then with the city
    its district belongs to, then a province-wide one; among equals a comprehensive agreement
    before a specific one, then the most recently signed. Agreements with an enterprise alone
    (no region) are never a default: staff link those by hand.

    The candidates of the provinces asked for are read once (a few per province), so linking
    many records costs one query.
    """

    def __init__(self, *, province_ids=None):
        # The rule is applied below, in Python, from each agreement's first renewal.
        agreements = CooperationAgreement._base_manager.filter(province__isnull=False)
        if province_ids is not None:
            agreements = agreements.filter(province_id__in=set(province_ids))
        self.by_province = {}
        for agreement in (
            agreements.only(
                "pk",
                "kind",
                "province_id",
                "city_id",
                "signed_on",
                "start_on",
                "end_on",
                "terminated_on",
            )
            .annotate(
                first_renewal_signed=Min("renewals__signed_on"),
                first_renewal_begins=Min(
                    Coalesce("renewals__start_on", "renewals__signed_on", output_field=DateField())
                ),
            )
            .order_by("pk")
        ):
            self.by_province.setdefault(agreement.province_id, []).append(agreement)

    @staticmethod
    def in_force(agreement, on):
        renewal_signed, renewal_begins = (
            agreement.first_renewal_signed,
            agreement.first_renewal_begins,
        )
        status = status_on(
            on,
            begins_on=agreement.begins_on,
            end_on=agreement.end_on,
            terminated_on=agreement.terminated_on,
            renewed=renewal_signed is not None and renewal_signed <= on,
            superseded=renewal_begins is not None and renewal_begins <= on,
        )
        return status == AgreementStatus.ACTIVE

    def choose(self, *, province_id, city_id=None, city_parent_id=None, on):
        if province_id is None or on is None:
            return None
        # Nearest first: the record's own city or district, then the city above a district.
        cities = [pk for pk in (city_id, city_parent_id) if pk]
        ranked = []
        for agreement in self.by_province.get(province_id, ()):
            if agreement.city_id is not None and not city_contains(
                agreement.city_id, city_id, city_parent_id
            ):
                continue
            if not self.in_force(agreement, on):
                continue
            nearness = cities.index(agreement.city_id) if agreement.city_id else len(cities)
            ranked.append(
                (
                    nearness,
                    agreement.kind != AgreementKind.COMPREHENSIVE,
                    -agreement.signed_on.toordinal(),
                    agreement.pk,
                    agreement,
                )
            )
        return min(ranked, key=lambda row: row[:4])[-1] if ranked else None


def agreement_in_force_for(*, province_id, city_id=None, city_parent_id=None, on):
    """The agreement a record of this place and date serves by default, or None."""
    if province_id is None:
        return None
    return AgreementChooser(province_ids=[province_id]).choose(
        province_id=province_id, city_id=city_id, city_parent_id=city_parent_id, on=on
    )


RECEIVABLE_BUCKETS = ("not_due", "due", "overdue_90", "overdue_180")
RECEIVABLE_GROUPS = {
    "office": ("contract__office__name_zh", "contract__office__name_en"),
    "department": ("contract__department__name_zh", "contract__department__name_en"),
}


def receivables_by_age(*, payments, group, today):
    """Payments not yet received, by office or department and by age: not yet due, due (up to
    90 days past the due date), overdue by more than 90 and by more than 180 days. One query;
    rows: the group's names, each bucket's amount and instalments, and the row's total."""
    zero = Value(0, output_field=DecimalField(max_digits=18, decimal_places=2))
    overdue_90 = today - datetime.timedelta(days=90)
    overdue_180 = today - datetime.timedelta(days=180)
    conditions = {
        "not_due": Q(due_on__gt=today),
        "due": Q(due_on__lte=today, due_on__gt=overdue_90),
        "overdue_90": Q(due_on__lte=overdue_90, due_on__gt=overdue_180),
        "overdue_180": Q(due_on__lte=overdue_180),
    }
    measures = {}
    for bucket, condition in conditions.items():
        measures[f"{bucket}_amount"] = Coalesce(Sum("amount", filter=condition), zero)
        measures[f"{bucket}_count"] = Count("pk", filter=condition)
    measures["total_amount"] = Coalesce(Sum("amount"), zero)
    measures["total_count"] = Count("pk")
    names = RECEIVABLE_GROUPS[group]
    return list(
        payments.filter(received_on__isnull=True, due_on__isnull=False)
        .order_by()
        .values(*names)
        .annotate(**measures)
        .order_by("-total_amount", *names)
    )
