"""Reads for the public pages: only public records, only publishable aggregates.

Every function here runs a fixed number of queries whatever the amount of data (aggregates are
grouped in the database; lists are bounded and declare their joins and prefetches).
"""

import datetime
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from apps.agreements.models import Contract, ContractKind, ContractStatus, CooperationAgreement
from apps.core.models import Department, Milestone
from apps.core.scope import city_q
from apps.events.models import EventKind, ExchangeEvent
from apps.funds.models import ContributingParty, CooperationFund, FundContribution, FundGrant
from apps.institutes.models import Branch, JointInstitute
from apps.offices.models import CooperationOffice, PracticeBase
from apps.partners.models import Organization
from apps.projects.models import CooperationProject, ProjectSite
from apps.public.cache import cached, data_changed_at
from apps.public.confidentiality import publishable_total, suppress
from apps.regions.models import City, CityLevel, Province

REGION_LIST_LIMIT = 10
REGION_SMALL_LIST_LIMIT = 50


def public_contracts():
    """Contracts that count in published figures: public ones, drafts excluded."""
    return Contract.objects.public().exclude(status=ContractStatus.DRAFT)


def _float(value):
    return float(value) if isinstance(value, Decimal) else value


def _place(record):
    """Longitude and latitude of a record: its city's, else its province's."""
    for place in (getattr(record, "city", None), record.province):
        if place is not None and place.longitude is not None:
            return [float(place.longitude), float(place.latitude)]
    return None


def _prefecture_id():
    """The prefecture-level city a city or district belongs to (itself when it has no parent)."""
    return Coalesce("city__parent_id", "city_id")


# --- regional scopes ------------------------------------------------------------------------


class Scope:
    """A province, a city (with its districts) or the whole country, as query filters."""

    def __init__(self, province=None, city=None):
        self.province = province
        self.city = city

    def where(self, prefix=""):
        if self.city is not None:
            return city_q(f"{prefix}city", self.city)
        if self.province is not None:
            return Q(**{f"{prefix}province": self.province})
        return Q()

    def projects(self):
        sites = ProjectSite.objects.filter(self.where(), project=OuterRef("pk"))
        projects = CooperationProject.objects.public()
        return projects.filter(Exists(sites)) if self.province or self.city else projects


# --- figures shared by home and region pages -------------------------------------------------


def _grouped(queryset, *keys, **measures):
    """Rows of ``queryset`` grouped by ``keys`` (names or expressions) with the measures."""
    fields = [key for key in keys if isinstance(key, str)]
    expressions = dict(key for key in keys if isinstance(key, tuple))
    rows = list(queryset.values(*fields, **expressions).annotate(**measures).order_by())
    for row in rows:
        for name in measures:
            row[name] = _float(row[name]) or 0
    return rows


def _total(rows, by, *measures):
    """Add up grouped rows by one of their keys: {key: {measure: sum}}."""
    totals = {}
    for row in rows:
        total = totals.setdefault(row[by], dict.fromkeys(measures, 0))
        for measure in measures:
            total[measure] += row[measure]
    return totals


YEAR = ("year", ExtractYear("signed_on"))
EVENT_YEAR = ("year", ExtractYear("start_on"))
CONTRACT_MEASURES = {"contracts": Count("id"), "value": Sum("amount")}


def held_by(today):
    """An event counts as held once its first day has come: "so far" counts no announced one."""
    return ("held", ExpressionWrapper(Q(start_on__lte=today), output_field=BooleanField()))


def _trends(contract_rows, event_rows, today, *, with_values=True):
    """Contracts (count, publishable value) and events by year and by type.

    ``contract_rows`` are grouped by year and kind (and maybe more), ``event_rows`` likewise and
    by whether the event has been held (``held_by``), so one scan of each table gives every
    breakdown. Events count once held; the current year is marked partial, and a year with no
    record at all is marked empty (drawn as a gap, not as 0).
    """
    held_rows = [row for row in event_rows if row["held"]]
    contracts_by_year = _total(contract_rows, "year", "contracts", "value")
    contracts_by_kind = _total(contract_rows, "kind", "contracts", "value")
    events_by_year = _total(held_rows, "year", "events")
    events_by_kind = _total(held_rows, "kind", "events")
    years = [y for y in [*contracts_by_year, *events_by_year] if y and y <= today.year]
    first, last = (min(years), today.year) if years else (today.year,) * 2
    total_contracts = sum(row["contracts"] for row in contracts_by_year.values())
    total_value = sum(row["value"] for row in contracts_by_year.values())
    by_year = [
        {
            "year": year,
            "contracts": contracts_by_year.get(year, {}).get("contracts", 0),
            "value": contracts_by_year.get(year, {}).get("value", 0),
            "events": events_by_year.get(year, {}).get("events", 0),
            "partial": year == today.year,
        }
        for year in range(first, last + 1)
    ]
    for row in by_year:
        row["empty"] = not row["contracts"] and not row["events"]
    suppress(by_year, total_count=total_contracts)
    if not with_values:
        for row in by_year:
            row["value"] = None
    kinds = [
        {
            "kind": kind.value,
            "label": str(kind.label),
            "contracts": contracts_by_kind.get(kind.value, {}).get("contracts", 0),
            "value": contracts_by_kind.get(kind.value, {}).get("value", 0),
        }
        for kind in ContractKind
    ]
    suppress(kinds, total_count=total_contracts)
    if not with_values:
        for row in kinds:
            row["value"] = None
    event_kinds = [
        {
            "kind": kind.value,
            "label": str(kind.label),
            "events": events_by_kind.get(kind.value, {}).get("events", 0),
        }
        for kind in EventKind
    ]
    return {
        "contracts": total_contracts,
        "contracts_value": publishable_total(total_contracts, total_value),
        "events_this_year": events_by_year.get(today.year, {}).get("events", 0),
        "events_planned_this_year": sum(
            row["events"] for row in event_rows if row["year"] == today.year and not row["held"]
        ),
        "events_last_year": events_by_year.get(today.year - 1, {}).get("events", 0),
        "events_held": sum(row["events"] for row in held_rows),
        "events_total": sum(row["events"] for row in event_rows),
        "years": by_year,
        "contract_kinds": kinds,
        "event_kinds": event_kinds,
    }


def _marker(record, url_name, **extra):
    return {
        "name": record.name,
        "place": str(record.city or record.province),
        "coord": _place(record),
        "url": reverse(url_name, args=[record.code]),
        **extra,
    }


# --- which contract values may be published -------------------------------------------------
#
# The province table (home, region index) decides each province's value; a province page
# publishes its total only where that table does, and its city table only below a published
# province; a city page follows its province's city table. So no two pages together give away
# what one of them withholds. Region pages publish no value by year or type (counts only):
# those would be further tables to reconcile with the national ones.


def province_values():
    """{province id: publishable contract value or None}, one decision for every page."""

    def compute():
        rows = _grouped(public_contracts(), "province_id", **CONTRACT_MEASURES)
        rows.sort(key=lambda row: row["province_id"])
        suppress(rows, total_count=sum(row["contracts"] for row in rows))
        return {row["province_id"]: row["value"] for row in rows}

    return cached("values:provinces", compute)


def place_values(province):
    """{prefecture-level city id: publishable value or None} within a province, and its rows."""

    def compute():
        rows = _places_breakdown(province)
        total = public_contracts().filter(province=province).count()
        suppress(rows, total_count=total)
        if province_values().get(province.pk) is None:
            for row in rows:
                row["value"] = None
        return rows

    # The rows carry names, hence the language; the decisions are the same in both.
    return cached(f"values:places:{province.code}:{get_language()}", compute)


# --- home ------------------------------------------------------------------------------------


def _cooperating_places():
    """Provinces and prefecture-level cities with a public cooperation record.

    Distinct (province, city) pairs of every source, without joins; the few cities are then
    mapped to their prefecture-level city in one more query.
    """
    sources = [
        CooperationAgreement.objects.public().filter(province__isnull=False),
        public_contracts(),
        CooperationOffice.objects.public(),
        JointInstitute.objects.public(),
        CooperationFund.objects.public(),
        ExchangeEvent.objects.public(),
    ]
    pairs = (
        sources[0]
        .values_list("province_id", "city_id")
        .union(
            *[source.values_list("province_id", "city_id") for source in sources[1:]],
            ProjectSite.objects.filter(project__is_public=True).values_list(
                "province_id", "city_id"
            ),
        )
    )
    pairs = set(pairs)
    provinces = {province for province, _city in pairs}
    city_ids = {city for _province, city in pairs if city is not None}
    prefectures = set()
    for pk, parent_id, level in City.objects.filter(pk__in=city_ids).values_list(
        "pk", "parent_id", "level"
    ):
        if parent_id is not None:
            prefectures.add(parent_id)
        elif level == CityLevel.PREFECTURE:
            prefectures.add(pk)
    return provinces, prefectures


def home_overview():
    """Everything the home page shows, as plain data (cached by the view)."""
    today = timezone.localdate()
    provinces = list(Province.objects.order_by("code"))
    contract_rows = _grouped(public_contracts(), "province_id", YEAR, "kind", **CONTRACT_MEASURES)
    event_rows = _grouped(
        ExchangeEvent.objects.public(),
        "province_id",
        EVENT_YEAR,
        "kind",
        held_by(today),
        events=Count("id"),
    )
    trends = _trends(contract_rows, event_rows, today)
    contracts_by_province = _total(contract_rows, "province_id", "contracts", "value")
    events_by_province = _total([row for row in event_rows if row["held"]], "province_id", "events")
    cooperating_provinces, prefectures = _cooperating_places()
    projects_by_province = dict(
        ProjectSite.objects.filter(project__is_public=True)
        .values("province_id")
        .annotate(projects=Count("project_id", distinct=True))
        .values_list("province_id", "projects")
        .order_by()
    )
    offices = list(
        CooperationOffice.objects.public()
        .filter(closed_on__isnull=True)
        .select_related("province", "city")
        .order_by("opened_on", "code")
    )
    institutes = list(
        JointInstitute.objects.public()
        .select_related("province", "city")
        .order_by("established_on", "code")
    )
    funds = list(
        CooperationFund.objects.public()
        .select_related("province", "city")
        .order_by("established_on", "code")
    )
    counts = {}
    for records, key in ((offices, "offices"), (institutes, "institutes"), (funds, "funds")):
        for record in records:
            counts.setdefault(record.province_id, {}).setdefault(key, 0)
            counts[record.province_id][key] += 1
    values = province_values()
    province_rows = []
    for province in provinces:
        contract_row = contracts_by_province.get(province.pk, {"contracts": 0, "value": 0})
        province_rows.append(
            {
                "code": province.code,
                "name": province.name,
                "url": reverse("public:province_detail", args=[province.code]),
                "contracts": contract_row["contracts"],
                "value": values.get(province.pk),
                "projects": projects_by_province.get(province.pk, 0),
                "events": events_by_province.get(province.pk, {}).get("events", 0),
                "offices": counts.get(province.pk, {}).get("offices", 0),
                "institutes": counts.get(province.pk, {}).get("institutes", 0),
                "funds": counts.get(province.pk, {}).get("funds", 0),
                "cooperating": province.pk in cooperating_provinces,
            }
        )
    committed = sum((fund.committed_amount for fund in funds), Decimal(0))
    milestones = [
        {
            "date": milestone.happened_on,
            "precision": milestone.precision,
            "title": milestone.title,
            "description": milestone.description,
        }
        for milestone in Milestone.objects.public().order_by("happened_on", "title_zh")
    ]
    return {
        "as_of": data_changed_at(),
        "today": today,
        "figures": {
            "provinces": sum(1 for row in province_rows if row["cooperating"]),
            "cities": len(prefectures),
            "offices": len(offices),
            "funds": len(funds),
            "funds_committed": float(committed),
            "institutes": len(institutes),
            "projects": CooperationProject.objects.public().count(),
            **{key: trends[key] for key in trends if key not in ("years",)},
        },
        "this_year": today.year,
        "last_year": today.year - 1,
        "provinces": province_rows,
        "years": trends["years"],
        "contract_kinds": trends["contract_kinds"],
        "event_kinds": trends["event_kinds"],
        "markers": {
            "offices": [_marker(o, "public:office_detail") for o in offices],
            "institutes": [_marker(i, "public:institute_detail") for i in institutes],
            "funds": [
                _marker(f, "public:fund_detail", committed=float(f.committed_amount)) for f in funds
            ],
        },
        "milestones": milestones,
    }


# --- province and city pages -----------------------------------------------------------------


def _region_lists(scope, today):
    where = scope.where()
    agreements = list(
        CooperationAgreement.objects.public()
        .filter(where)
        .select_related("province", "city", "organization")
        .order_by("-signed_on", "number")[:REGION_SMALL_LIST_LIMIT]
    )
    institutes = list(
        JointInstitute.objects.public()
        .filter(where)
        .select_related("province", "city")
        .order_by("established_on", "code")[:REGION_SMALL_LIST_LIMIT]
    )
    funds = list(
        CooperationFund.objects.public()
        .filter(where)
        .select_related("province", "city")
        .order_by("established_on", "code")[:REGION_SMALL_LIST_LIMIT]
    )
    offices = list(
        CooperationOffice.objects.public()
        .filter(where)
        .select_related("province", "city")
        .order_by("opened_on", "code")[:REGION_SMALL_LIST_LIMIT]
    )
    projects = list(
        scope.projects()
        .select_related("department")
        .order_by("-started_on", "code")[:REGION_LIST_LIMIT]
    )
    events = ExchangeEvent.objects.public().filter(where).select_related("province", "city")
    upcoming = list(events.filter(start_on__gte=today).order_by("start_on", "code")[:5])
    past = list(events.filter(start_on__lt=today).order_by("-start_on", "code")[:REGION_LIST_LIMIT])
    return {
        "agreements": [
            {
                "number": a.number,
                "title": a.title,
                "kind": a.get_kind_display(),
                "status": a.get_status_display(),
                "signed_on": a.signed_on,
                "party": str(a.organization or a.city or a.province or ""),
                "url": reverse("outcomes:agreement_detail", args=[a.number]),
            }
            for a in agreements
        ],
        "institutes": [_listed(i, "public:institute_detail", i.established_on) for i in institutes],
        "funds": [
            _listed(f, "public:fund_detail", f.established_on, committed=float(f.committed_amount))
            for f in funds
        ],
        "offices": [
            _listed(o, "public:office_detail", o.opened_on, closed=o.closed_on) for o in offices
        ],
        "projects": [
            {
                "title": p.title,
                "url": reverse("public:project_detail", args=[p.code]),
                "date": p.started_on,
                "department": p.department.name,
                "status": p.get_status_display(),
            }
            for p in projects
        ],
        "upcoming_events": [_event_item(e) for e in upcoming],
        "past_events": [_event_item(e) for e in past],
    }


def _listed(record, url_name, date, **extra):
    return {
        "name": record.name,
        "url": reverse(url_name, args=[record.code]),
        "date": date,
        "place": str(record.city or record.province),
        **extra,
    }


def _event_item(event):
    return {
        "title": event.title,
        "url": reverse("public:event_detail", args=[event.code]),
        "date": event.start_on,
        "kind": event.get_kind_display(),
        "place": str(event.city or event.province),
    }


def _region_overview(scope, value):
    today = timezone.localdate()
    where = scope.where()
    trends = _trends(
        _grouped(public_contracts().filter(where), YEAR, "kind", **CONTRACT_MEASURES),
        _grouped(
            ExchangeEvent.objects.public().filter(where),
            EVENT_YEAR,
            "kind",
            held_by(today),
            events=Count("id"),
        ),
        today,
        with_values=False,
    )
    trends["contracts_value"] = value
    funds_row = (
        CooperationFund.objects.public()
        .filter(where)
        .aggregate(funds=Count("id"), committed=Sum("committed_amount"))
    )
    figures = {
        "agreements": CooperationAgreement.objects.public().filter(where).count(),
        "projects": scope.projects().count(),
        "institutes": JointInstitute.objects.public().filter(where).count(),
        "funds": funds_row["funds"],
        "funds_committed": float(funds_row["committed"] or 0),
        "offices": CooperationOffice.objects.public().filter(where, closed_on__isnull=True).count(),
        **{key: trends[key] for key in trends if key != "years"},
    }
    return {
        "as_of": data_changed_at(),
        "today": today,
        "this_year": today.year,
        "last_year": today.year - 1,
        "figures": figures,
        "years": trends["years"],
        "contract_kinds": trends["contract_kinds"],
        "event_kinds": trends["event_kinds"],
        **_region_lists(scope, today),
    }


def _places_breakdown(province):
    """Per prefecture-level city (or municipal district) of a province: what happened there."""
    contracts = list(
        public_contracts()
        .filter(province=province, city__isnull=False)
        .values(key=_prefecture_id())
        .annotate(contracts=Count("id"), value=Sum("amount"))
    )
    projects = dict(
        ProjectSite.objects.filter(project__is_public=True, province=province, city__isnull=False)
        .values(key=_prefecture_id())
        .annotate(projects=Count("project_id", distinct=True))
        .values_list("key", "projects")
    )
    events = dict(
        ExchangeEvent.objects.public()
        .filter(province=province, city__isnull=False, start_on__lte=timezone.localdate())
        .values(key=_prefecture_id())
        .annotate(events=Count("id"))
        .values_list("key", "events")
    )
    offices = dict(
        CooperationOffice.objects.public()
        .filter(province=province, city__isnull=False)
        .values(key=_prefecture_id())
        .annotate(offices=Count("id"))
        .values_list("key", "offices")
    )
    ids = {row["key"] for row in contracts} | set(projects) | set(events) | set(offices)
    cities = City.objects.filter(pk__in=ids).order_by("code")
    by_city = {row["key"]: row for row in contracts}
    rows = [
        {
            "code": city.code,
            "name": city.name,
            "url": reverse("public:city_detail", args=[city.code]),
            "contracts": by_city.get(city.pk, {}).get("contracts", 0),
            "value": _float(by_city.get(city.pk, {}).get("value")) or 0,
            "projects": projects.get(city.pk, 0),
            "events": events.get(city.pk, 0),
            "offices": offices.get(city.pk, 0),
        }
        for city in cities
    ]
    return rows


def province_overview(province):
    overview = _region_overview(Scope(province=province), province_values().get(province.pk))
    overview["places"] = place_values(province)
    return overview


def city_overview(city):
    value = None
    if city.parent_id is None:
        value = next(
            (row["value"] for row in place_values(city.province) if row["code"] == city.code),
            None,
        )
    # A district's value would be a further breakdown of its city's: not published.
    return _region_overview(Scope(city=city), value)


# --- lists -----------------------------------------------------------------------------------


def _sites():
    return Prefetch("sites", queryset=ProjectSite.objects.select_related("province", "city"))


def project_list():
    return (
        CooperationProject.objects.public()
        .select_related("department")
        .prefetch_related(_sites())
        .order_by("-started_on", "code")
    )


def institute_list():
    return (
        JointInstitute.objects.public()
        .select_related("province", "city")
        .order_by("established_on", "code")
    )


def fund_list():
    return (
        CooperationFund.objects.public()
        .select_related("province", "city")
        .order_by("established_on", "code")
    )


def office_list():
    return (
        CooperationOffice.objects.public()
        .select_related("province", "city")
        .order_by("opened_on", "code")
    )


def event_list(*, when=None, today=None):
    today = today or timezone.localdate()
    events = ExchangeEvent.objects.public().select_related("province", "city", "department")
    if when == "upcoming":
        return events.filter(start_on__gte=today).order_by("start_on", "code")
    if when == "past":
        return events.filter(start_on__lt=today).order_by("-start_on", "code")
    return events.order_by("-start_on", "code")


def public_departments():
    return Department.objects.public().order_by("kind", "code")


# --- detail pages ----------------------------------------------------------------------------


def project_detail(code):
    project = (
        CooperationProject.objects.public()
        .select_related("department")
        .prefetch_related(
            _sites(),
            Prefetch("partners", queryset=Organization.objects.public().order_by("name_zh")),
            Prefetch(
                "grants",
                queryset=FundGrant.objects.filter(fund__is_public=True)
                .select_related("fund")
                .order_by("granted_on"),
            ),
        )
        .get(code=code)
    )
    return project


def institute_detail(code):
    return (
        JointInstitute.objects.public()
        .select_related("province", "city", "partner")
        .prefetch_related(Prefetch("branches", queryset=Branch.objects.select_related("city")))
        .get(code=code)
    )


def fund_detail(code):
    fund = (
        CooperationFund.objects.public()
        .select_related("province", "city", "government", "agreement")
        .prefetch_related(
            Prefetch(
                "grants",
                queryset=FundGrant.objects.select_related("project", "department").order_by(
                    "granted_on", "title"
                ),
            )
        )
        .get(code=code)
    )
    contributions = list(
        FundContribution.objects.filter(fund=fund)
        .values("party")
        .annotate(amount=Sum("amount"))
        .order_by("party")
    )
    labels = dict(ContributingParty.choices)
    for row in contributions:
        row["party_label"] = labels.get(row["party"], row["party"])
    return fund, contributions


def office_detail(code):
    office = (
        CooperationOffice.objects.public()
        .select_related("province", "city")
        .prefetch_related(
            "duties",
            Prefetch(
                "practice_bases",
                queryset=PracticeBase.objects.select_related("organization").order_by(
                    "kind", "name_zh"
                ),
            ),
        )
        .get(code=code)
    )
    # The office's contract count only: its value would cut across the regional tables.
    contracts = {"contracts": public_contracts().filter(office=office).count()}
    events = ExchangeEvent.objects.public().filter(office=office)
    activity = {
        "events": events.count(),
        "recent_events": list(events.select_related("province", "city").order_by("-start_on")[:10]),
        **contracts,
    }
    return office, activity


def event_detail(code):
    return (
        ExchangeEvent.objects.public()
        .select_related("province", "city", "department", "office")
        .get(code=code)
    )


def organization_detail(pk):
    organization = Organization.objects.public().select_related("province", "city").get(pk=pk)
    projects = list(
        organization.projects.public().select_related("department").order_by("-started_on")[:50]
    )
    agreements = list(
        organization.agreements.public().order_by("-signed_on")[:REGION_SMALL_LIST_LIMIT]
    )
    return organization, projects, agreements


def default_year_choices(today=None):
    today = today or datetime.date.today()
    return list(range(today.year + 1, 1982, -1))


def illustrative_data_loaded():
    """Whether any published record is illustrative (demo) data: the pages then say so."""
    sources = [
        public_contracts(),
        CooperationAgreement.objects.public(),
        CooperationFund.objects.public(),
        JointInstitute.objects.public(),
        CooperationOffice.objects.public(),
        CooperationProject.objects.public(),
        ExchangeEvent.objects.public(),
    ]
    found = [
        source.filter(is_illustrative=True).annotate(found=Value(1)).values_list("found")[:1]
        for source in sources
    ]
    return bool(list(found[0].union(*found[1:], all=True)))
