"""Reads for the public pages: only public records, only publishable aggregates.

Every function here runs a fixed number of queries whatever the amount of data: figures read
the summary tables (``apps.figures``), lists are bounded and declare their joins and prefetches.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from apps.agreements.models import AgreementStatus, CooperationAgreement
from apps.core.links import reverser
from apps.core.models import Department, Milestone, pick_language
from apps.core.pagecache import data_changed_at
from apps.core.pages import choice_labels
from apps.figures import sources
from apps.figures.models import Level
from apps.figures.selectors import (
    NOTHING,
    level_totals,
    not_counted_yet,
    places_with_records,
    publication,
    published_value,
    received_values,
    region_figures,
)
from apps.figures.summary import current_build
from apps.public.pages import (
    compared_figures,
    figure_columns,
    headline_figures,
    map_markers,
    region_sections,
)
from apps.regions.models import City, CityLevel, Province

REGION_SMALL_LIST_LIMIT = 50


def _float(value):
    return float(value) if isinstance(value, Decimal) else value


def _place(record):
    """Longitude and latitude of a record: its city's, else its province's."""
    for place in (getattr(record, "city", None), record.province):
        if place is not None and place.longitude is not None:
            return [float(place.longitude), float(place.latitude)]
    return None


# --- figures shared by home and region pages -------------------------------------------------
#
# Every figure comes from the summary tables (``apps.figures``), and every contract sum from
# the one publication: national, provincial and city cells suppressed together. Nothing else
# gives a sum: by year and by type the pages give counts only, so no page, download or API
# call adds a table to reconcile with the published ones.


def _announced(today, *keys, province=None, city=None):
    """Published events not held yet, counted by ``keys`` (the events' ``counted`` rule)."""
    return not_counted_yet("events", today, *keys, province=province, city=city)


def _count(table, key):
    return table[key].count if key in table else 0


def _kind_choices(source_name):
    """The kinds a figures source is counted by: its kind field's choices, labelled in the
    active language."""
    source = sources.SOURCES_BY_NAME[source_name]
    field = source.model_class()._meta.get_field(source.kind_field)
    return [(value, str(label)) for value, label in field.flatchoices]


def _trends(figures, announced, today):
    """Contracts and held events by year and by type (counts), and the headline counts.

    The current year is marked partial, and a year with no record at all is marked empty
    (drawn as a gap, not as 0).
    """
    contracts, events = figures["contracts"], figures["events"]
    announced_years, announced_kinds = {}, {}
    for row in announced:
        announced_years[row["year"]] = announced_years.get(row["year"], 0) + row["count"]
        announced_kinds[row["kind"]] = announced_kinds.get(row["kind"], 0) + row["count"]

    def held_in(year):
        return _count(events.years, year) - announced_years.get(year, 0)

    years = [
        year
        for year in [*contracts.years, *events.years]
        if year and year <= today.year and (_count(contracts.years, year) or held_in(year))
    ]
    first, last = (min(years), today.year) if years else (today.year,) * 2
    # A kind of record counted only from its first record here: before it, the years are
    # not "0 events" but not yet recorded (a dash).
    first_contract = min((y for y in years if _count(contracts.years, y)), default=last + 1)
    first_event = min((y for y in years if held_in(y)), default=last + 1)
    by_year = []
    for year in range(first, last + 1):
        row = {
            "year": year,
            "contracts": _count(contracts.years, year),
            "value": None,
            "events": held_in(year),
            "partial": year == today.year,
        }
        row["empty"] = not row["contracts"] and not row["events"]
        row["before_contracts"] = year < first_contract
        row["before_events"] = year < first_event
        by_year.append(row)
    planned = sum(announced_years.values())
    return {
        "contracts": contracts.total.count,
        "events_this_year": held_in(today.year),
        "events_planned_this_year": announced_years.get(today.year, 0),
        "events_last_year": held_in(today.year - 1),
        "events_held": events.total.count - planned,
        "events_total": events.total.count,
        "years": by_year,
        "contract_kinds": [
            {
                "kind": kind,
                "label": label,
                "contracts": _count(contracts.kinds, kind),
                "value": None,
            }
            for kind, label in _kind_choices("contracts")
        ],
        "event_kinds": [
            {
                "kind": kind,
                "label": label,
                "events": _count(events.kinds, kind) - announced_kinds.get(kind, 0),
            }
            for kind, label in _kind_choices("events")
        ],
    }


def _value(published):
    return None if published.withheld else _float(published.value)


def _released_on(published):
    """The date of the release a contract sum comes from (None: withheld or no contract)."""
    return published.release.released_on if published.release is not None else None


def _not_counted_by(columns, today, key, **region):
    """{source: {region id: records}} of the records the columns' record types do not count
    yet (events announced, not held), by ``key`` ("province_id" or "place")."""
    return {
        column.source: {
            row[key]: row["count"] for row in not_counted_yet(column.source, today, key, **region)
        }
        for column in columns
    }


def _counts(columns, measures, not_counted, region_id):
    """Each column's count in a region's totals, by its record type's ``counted`` rule: the
    cells' second count where that is what the rule counts (offices open), else the records
    less those not counted yet (events announced)."""
    counts = {}
    for column in columns:
        cell = measures.get(column.source)
        if cell is None:
            counts[column.source] = 0
        elif sources.SOURCES_BY_NAME[column.source].extra == sources.COUNTED:
            counts[column.source] = cell.extra
        else:
            counts[column.source] = cell.count - not_counted[column.source].get(region_id, 0)
    return counts


def _headline_counts(figures, *, with_amounts=False):
    """The record types' headline figures of a region (or the country), from its totals
    (``region_figures``): each type's records by its counted rule, and the amounts it declares."""
    counts = {}
    for figure in headline_figures():
        if not figure.source:
            continue
        total = figures[figure.source].total
        counted = sources.SOURCES_BY_NAME[figure.source].extra == sources.COUNTED
        counts[figure.source] = total.extra if counted else total.count
        if with_amounts and figure.amounts:
            counts.update(figure.amounts(total))
    return counts


def _map_markers(today):
    """The records on the home page's map, by the record types that declare them, and the
    headline figures they give (their number, and what else their type declares)."""
    markers, figures = {}, {}
    for declared, url_name in map_markers():
        records = list(declared.selector(today))
        url = reverser(url_name)
        markers[declared.key] = [
            {
                "name": record.name,
                "place": str(record.city or record.province),
                "coord": _place(record),
                "url": url(record.code),
            }
            for record in records
        ]
        figures[declared.key] = len(records)
        if declared.figures:
            figures.update(declared.figures(records))
    return markers, figures


# --- published contract values ---------------------------------------------------------------


def province_values(published):
    """{province id: published contract value or None}, from the one publication."""
    return {
        province: _value(cell)
        for (level, province, _city), cell in published.items()
        if level == Level.PROVINCE
    }


def province_contracts(*, build=None):
    """Every province's contracts in all years, as the home page's table of provinces counts
    them (rows with "code" and "contracts")."""
    totals = level_totals(Level.PROVINCE, build=build or current_build())
    return [
        {"code": code, "contracts": _count(totals.get(pk, {}), "contracts")}
        for pk, code in Province.objects.order_by("code").values_list("pk", "code")
    ]


def place_contracts(province, *, build=None):
    """The contracts in all years of each city of a province with a record, as its table of
    cities counts them (rows with "code" and "contracts")."""
    totals = level_totals(Level.PLACE, province=province, build=build or current_build())
    return [
        {"code": code, "contracts": _count(totals[pk], "contracts")}
        for pk, code in City.objects.filter(pk__in=list(totals)).values_list("pk", "code")
    ]


# --- home ------------------------------------------------------------------------------------


def _cooperating_places(province_totals, build):
    """Provinces and prefecture-level cities with a published cooperation record."""
    prefectures = set(
        City.objects.filter(
            pk__in=places_with_records(build=build), level=CityLevel.PREFECTURE
        ).values_list("pk", flat=True)
    )
    return set(province_totals), prefectures


def home_overview():
    """Everything the home page shows, as plain data (cached by the view)."""
    today = timezone.localdate()
    build = current_build()
    provinces = list(Province.objects.order_by("code"))
    national = region_figures(build=build)
    trends = _trends(national, _announced(today, "year", "kind"), today)
    totals = level_totals(Level.PROVINCE, build=build)
    columns = figure_columns()
    not_counted = _not_counted_by(columns, today, "province_id")
    cooperating_provinces, prefectures = _cooperating_places(totals, build)
    markers, marker_figures = _map_markers(today)
    published = publication(build=build)
    values = province_values(published)
    province_url = reverser("public:province_detail")
    province_rows = []
    for province in provinces:
        measures = totals.get(province.pk, {})
        contracts = _count(measures, "contracts")
        province_rows.append(
            {
                "code": province.code,
                "name": province.name,
                "url": province_url(province.code),
                "contracts": contracts,
                "value": values.get(province.pk) if contracts else 0,
                **_counts(columns, measures, not_counted, province.pk),
                "cooperating": province.pk in cooperating_provinces,
            }
        )
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
            **marker_figures,
            **{
                name: value
                for name, value in _headline_counts(national).items()
                if name not in marker_figures
            },
            "contracts_value": _value(published.get((Level.NATIONAL, None, None), NOTHING)),
            "contracts_value_released": _released_on(
                published.get((Level.NATIONAL, None, None), NOTHING)
            ),
            **{key: trends[key] for key in trends if key not in ("years",)},
        },
        "this_year": today.year,
        "last_year": today.year - 1,
        "provinces": province_rows,
        "years": trends["years"],
        "contract_kinds": trends["contract_kinds"],
        "event_kinds": trends["event_kinds"],
        "markers": markers,
        "milestones": milestones,
    }


# --- province and city pages -----------------------------------------------------------------


def _region_lists(region, today):
    """The region page's framework agreements, and each record type's section as its app
    declares it (``RegionSection``): plain data, cached with the page's figures."""
    agreements = list(
        CooperationAgreement.objects.public()
        .in_region(region)
        .select_related("province", "city", "organization")
        .order_by("-signed_on", "number")[:REGION_SMALL_LIST_LIMIT]
    )
    agreement_url = reverser("outcomes:agreement_detail")
    agreement_kind = choice_labels(CooperationAgreement, "kind")
    agreement_status = {value: str(label) for value, label in AgreementStatus.choices}.get
    return {
        "agreements": [
            {
                "number": a.number,
                "title": a.title,
                "kind": agreement_kind(a.kind),
                "status": agreement_status(a.status),
                "status_value": a.status,
                "term": a.term,
                "signed_on": a.signed_on,
                "party": str(a.organization or a.city or a.province or ""),
                "url": agreement_url(a.number),
            }
            for a in agreements
        ],
        # Under each section's key (the dossiers read them too).
        **{section.key: section.selector(region, today) for section in region_sections()},
    }


def _received(received):
    """The money received by year as released, newest year first: each year's value (None:
    withheld), its contracts and its release date."""
    return [
        {
            "year": year,
            "value": _value(cell),
            "contracts": cell.contracts,
            "released": _released_on(cell),
        }
        for year, cell in sorted(received.items(), reverse=True)
    ]


def _region_overview(region, figures, published, *, province=None, city=None, received=None):
    today = timezone.localdate()
    announced = _announced(today, "year", "kind", province=province, city=city)
    trends = _trends(figures, announced, today)
    figures = {
        "agreements": figures["agreements"].total.count,
        **_headline_counts(figures, with_amounts=True),
        "contracts_value": _value(published),
        "contracts_value_released": _released_on(published),
        **{key: trends[key] for key in trends if key != "years"},
    }
    received = _received(received or {})
    return {
        "received": received,
        # The newest year whose money received is released, beside the contract value.
        "received_latest": next((row for row in received if row["value"] is not None), None),
        "as_of": data_changed_at(),
        "today": today,
        "this_year": today.year,
        "last_year": today.year - 1,
        "figures": figures,
        "years": trends["years"],
        "contract_kinds": trends["contract_kinds"],
        "event_kinds": trends["event_kinds"],
        **_region_lists(region, today),
    }


def place_values(province, *, build=None):
    """Per prefecture-level city (or municipal district) of a province: what happened there,
    with its published contract value."""
    build = build or current_build()
    totals = level_totals(Level.PLACE, province=province, build=build)
    published = publication(build=build)
    columns = figure_columns(places=True)
    not_counted = _not_counted_by(columns, timezone.localdate(), "place", province=province)
    city_url = reverser("public:city_detail")
    rows = []
    for city in City.objects.filter(pk__in=list(totals)).order_by("code"):
        measures = totals[city.pk]
        cell = published.get((Level.PLACE, province.pk, city.pk))
        rows.append(
            {
                "code": city.code,
                "name": city.name,
                "url": city_url(city.code),
                "contracts": _count(measures, "contracts"),
                # No released sum yet for a city whose first contracts came since the
                # newest release: withheld until a release shows it.
                "value": _value(cell)
                if cell is not None
                else (None if _count(measures, "contracts") else 0),
                **_counts(columns, measures, not_counted, city.pk),
            }
        )
    return rows


def province_overview(province):
    build = current_build()
    overview = _region_overview(
        province,
        region_figures(province=province, build=build),
        published_value(province=province, build=build),
        province=province,
        received=received_values(province=province, build=build),
    )
    overview["places"] = place_values(province, build=build)
    return overview


def city_overview(city):
    build = current_build()
    # A district's value would be a further breakdown of its city's: never published.
    return _region_overview(
        city,
        region_figures(city=city, build=build),
        published_value(city=city, build=build),
        city=city,
        received=received_values(city=city, build=build),
    )


# --- two regions side by side ----------------------------------------------------------------

# The counts of a region page's figures besides the record types' columns, with their labels.
COMPARED_SOURCES = ("agreements", "contracts")


def compared_counts(region):
    """{source: {"total": records counted, "years": {year: records dated that year}}} of a
    province or city, for the agreements, the contracts and every record type with a column in
    the table of provinces: the totals as the region's page counts them (its record type's
    ``counted`` rule: offices open, events held), each year's records by their date (signed,
    started, founded, set up, opened, held), those not counted yet left out."""
    today = timezone.localdate()
    build = current_build()
    where = {"city": region} if isinstance(region, City) else {"province": region}
    figures = region_figures(build=build, **where)
    counts = {}
    for name in (*COMPARED_SOURCES, *(column.source for column in figure_columns())):
        measures = figures[name]
        later = {row["year"]: row["count"] for row in not_counted_yet(name, today, "year", **where)}
        counted = sources.SOURCES_BY_NAME[name].extra == sources.COUNTED
        counts[name] = {
            "total": measures.total.extra
            if counted
            else measures.total.count - sum(later.values()),
            "years": {
                year: cell.count - later.get(year, 0)
                for year, cell in measures.years.items()
                if year is not None
            },
        }
    last = today.year - 1
    for label, declared in compared_figures():
        for key, (total, in_last, in_previous) in declared.counts(region, last).items():
            counts[f"{label}.{key}"] = {
                "total": total,
                "years": {last: in_last, last - 1: in_previous},
            }
    return counts


def region_choices():
    """The regions two can be chosen from, grouped by province: each province as a whole, then
    its prefecture-level cities (a municipality's districts), by code."""
    cities = {}
    for code, name_zh, name_en, province_id in (
        City.objects.filter(parent__isnull=True)
        .order_by("code")
        .values_list("code", "name_zh", "name_en", "province_id")
    ):
        cities.setdefault(province_id, []).append((code, pick_language(name_zh, name_en)))
    return [
        {
            "province": province.name,
            "options": [(province.code, province.name), *cities.get(province.pk, [])],
        }
        for province in Province.objects.order_by("code")
    ]


# --- list filters ----------------------------------------------------------------------------


def public_departments():
    return Department.objects.public().order_by("kind", "code")


def default_year_choices(today=None):
    today = today or datetime.date.today()
    return list(range(today.year + 1, 1982, -1))
