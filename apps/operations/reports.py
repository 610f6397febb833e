"""The annual cooperation report: its figures (a fixed number of aggregate queries, whatever
the number of records) and its XLSX and PDF renderings.

Its records are the published ones (each record type's publication rule, as on the public
site, in the API's figures and on the dashboard), a city counted with its districts: the
report's figure for a region and year is the dashboard's and the API's.
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from apps.agreements.models import Contract, ContractKind, CooperationAgreement, Payment
from apps.core.export import XlsxBook
from apps.core.scope import place_of
from apps.events.models import EventKind, ExchangeEvent
from apps.funds.models import CooperationFund, FundContribution, FundGrant
from apps.institutes.models import JointInstitute
from apps.offices.models import CooperationOffice
from apps.partners.models import Membership
from apps.projects.models import CooperationProject
from apps.regions.models import City, Province

ZERO = Decimal("0.00")


@dataclass
class ReportFigures:
    year: int
    region_name: str
    headline: list = field(default_factory=list)  # (label, value)
    contracts_by_kind: list = field(default_factory=list)  # (kind label, count, amount)
    events_by_kind: list = field(default_factory=list)  # (kind label, count, participants)
    breakdown_title: str = ""
    breakdown: list = field(default_factory=list)  # (region, contracts, amount, events)
    largest_contracts: list = field(default_factory=list)  # (number, title, partner, dept, amount)
    agreements: list = field(default_factory=list)  # (number, title, signed on)


def _in_region(queryset, province, city):
    return queryset.in_region(city or province)


def _records(model, province, city):
    """The model's published records in the region (the whole country for none)."""
    return _in_region(model.objects.published(), province, city)


def _money(value):
    return (value or ZERO).quantize(Decimal("0.01"))


def collect_figures(*, year, province=None, city=None, region_name="", progress=None):
    """Every figure of the report for one year and one region (None: the whole university)."""
    progress = progress or (lambda percent, step: None)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    figures = ReportFigures(year=year, region_name=region_name)

    progress(10, _("Contracts and payments"))
    contracts = _records(Contract, province, city).filter(signed_on__range=(start, end))
    contract_totals = contracts.aggregate(count=Count("pk"), amount=Sum("amount"))
    by_kind = {
        row["kind"]: row
        for row in contracts.order_by()
        .values("kind")
        .annotate(count=Count("pk"), amount=Sum("amount"))
    }
    figures.contracts_by_kind = [
        (
            str(label),
            by_kind.get(kind, {}).get("count", 0),
            _money(by_kind.get(kind, {}).get("amount")),
        )
        for kind, label in ContractKind.choices
    ]
    received = (
        _in_region(Payment.objects.all(), province, city)
        .filter(received_on__range=(start, end), contract__in=Contract.objects.published())
        .aggregate(total=Sum("amount"))["total"]
    )
    figures.largest_contracts = [
        (c.number, c.title, c.organization.name, c.department.name, _money(c.amount))
        for c in contracts.select_related("organization", "department").order_by(
            "-amount", "number"
        )[:15]
    ]

    progress(25, _("Agreements, funds and institutes"))
    agreements = _records(CooperationAgreement, province, city).filter(
        signed_on__range=(start, end)
    )
    figures.agreements = [
        (agreement.number, agreement.title, agreement.signed_on.isoformat())
        for agreement in agreements.order_by("signed_on", "number")[:30]
    ]
    funds = _records(CooperationFund, province, city).filter(established_on__lte=end)
    fund_totals = funds.aggregate(count=Count("pk"), committed=Sum("committed_amount"))
    contributed = (
        _in_region(FundContribution.objects.all(), province, city)
        .filter(contributed_on__range=(start, end))
        .aggregate(total=Sum("amount"))["total"]
    )
    grants = (
        _in_region(FundGrant.objects.all(), province, city)
        .filter(granted_on__range=(start, end))
        .aggregate(count=Count("pk"), total=Sum("amount"))
    )
    institutes = _records(JointInstitute, province, city).filter(established_on__lte=end).count()
    offices = (
        _records(CooperationOffice, province, city)
        .filter(opened_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .count()
    )

    progress(40, _("Projects, events and members"))
    projects = _records(CooperationProject, province, city)
    project_count = projects.filter(Q(started_on__isnull=True) | Q(started_on__lte=end)).count()
    events = _records(ExchangeEvent, province, city).filter(start_on__range=(start, end))
    event_rows = {
        row["kind"]: row
        for row in events.order_by()
        .values("kind")
        .annotate(count=Count("pk"), participants=Coalesce(Sum("participants"), 0))
    }
    figures.events_by_kind = [
        (
            str(label),
            event_rows.get(kind, {}).get("count", 0),
            event_rows.get(kind, {}).get("participants", 0),
        )
        for kind, label in EventKind.choices
    ]
    event_count = sum(row[1] for row in figures.events_by_kind)
    participants = sum(row[2] for row in figures.events_by_kind)
    members = (
        _in_region(Membership.objects.all(), province, city)
        .filter(joined_on__lte=end, valid_until__gte=end)
        .count()
    )

    figures.headline = [
        (_("Technology contracts signed"), contract_totals["count"]),
        (_("Contract value signed (CNY)"), _money(contract_totals["amount"])),
        (_("Payments received (CNY)"), _money(received)),
        (_("Framework agreements signed"), agreements.count()),
        (_("Cooperation funds"), fund_totals["count"]),
        (_("Committed fund size (CNY)"), _money(fund_totals["committed"])),
        (_("Fund contributions received (CNY)"), _money(contributed)),
        (_("Fund grants awarded"), grants["count"]),
        (_("Fund grants (CNY)"), _money(grants["total"])),
        (_("Joint research institutes"), institutes),
        (_("Cooperation offices"), offices),
        (_("Cooperation projects"), project_count),
        (_("Exchange events"), event_count),
        (_("Event participants"), participants),
        (_("Enterprise members at year end"), members),
    ]

    progress(55, _("Breakdown by region"))
    if city is None:
        figures.breakdown_title, figures.breakdown = _breakdown(province, start, end)
    return figures


def _breakdown(province, start, end):
    """Per province (whole university) or per city with its districts (a province): contracts
    and events."""
    contracts = _records(Contract, province, None).filter(signed_on__range=(start, end))
    events = _records(ExchangeEvent, province, None).filter(start_on__range=(start, end))
    if province is None:
        title = _("By province")
        group = F("province_id")
        names = {p.pk: p.name for p in Province.objects.all()}
    else:
        title = _("By city")
        group = place_of()
        names = None
    group_contract = group_event = "group"
    contract_rows = (
        contracts.order_by()
        .annotate(group=group)
        .values("group")
        .annotate(count=Count("pk"), amount=Sum("amount"))
    )
    event_rows = events.order_by().annotate(group=group).values("group").annotate(count=Count("pk"))
    table = {}
    for row in contract_rows:
        table.setdefault(row[group_contract], [0, ZERO, 0])
        table[row[group_contract]][0] = row["count"]
        table[row[group_contract]][1] = _money(row["amount"])
    for row in event_rows:
        table.setdefault(row[group_event], [0, ZERO, 0])[2] = row["count"]
    if names is None:
        ids = [key for key in table if key is not None]
        names = {c.pk: c.name for c in City.objects.filter(pk__in=ids)}
    unnamed = _("(no city given)")
    rows = [
        (names.get(key, unnamed) if key is not None else unnamed, *values)
        for key, values in table.items()
    ]
    rows.sort(key=lambda row: (-row[2], row[0]))
    return title, rows


def render_xlsx(figures):
    """The report's workbook, written by the portal's one export writer: contract titles and
    partner names are string cells, never formulas."""
    buffer = io.BytesIO()
    with XlsxBook(buffer) as book:
        summary = book.add_sheet(_("Summary"), widths=(36, 22))
        summary.write_row(
            [_("%(year)s annual cooperation report") % {"year": figures.year}], book.heading
        )
        summary.write_row([_("Region"), figures.region_name])
        summary.write_row([])
        summary.write_row([_("Figure"), _("Value")], book.bold)
        summary.write_rows(figures.headline)
        tables = [
            (
                _("Contracts by kind"),
                [_("Kind"), _("Contracts"), _("Amount (CNY)")],
                figures.contracts_by_kind,
                (28, 12, 20),
            ),
            (
                _("Events by kind"),
                [_("Kind"), _("Events"), _("Participants")],
                figures.events_by_kind,
                (28, 12, 14),
            ),
        ]
        if figures.breakdown:
            tables.append(
                (
                    figures.breakdown_title,
                    [_("Region"), _("Contracts"), _("Amount (CNY)"), _("Events")],
                    figures.breakdown,
                    (24, 12, 20, 10),
                )
            )
        tables += [
            (
                _("Largest contracts"),
                [_("Number"), _("Title"), _("Partner"), _("Department"), _("Amount (CNY)")],
                figures.largest_contracts,
                (18, 40, 30, 24, 18),
            ),
            (
                _("Agreements signed"),
                [_("Number"), _("Title"), _("Signed on")],
                figures.agreements,
                (18, 50, 14),
            ),
        ]
        for title, headers, rows, widths in tables:
            book.add_sheet(title, headers, widths=widths).write_rows(rows)
    return buffer.getvalue()


def render_pdf(figures):
    from weasyprint import HTML

    html = render_to_string("operations/report.html", {"figures": figures})
    return HTML(string=html).write_pdf()
