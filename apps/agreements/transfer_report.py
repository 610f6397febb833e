"""The statutory annual report of the transfer of scientific and technological achievements
(科技成果转化年度报告), as far as the records can fill it.

Each field of the national form the report gives is a ``Field``: its label (Chinese and
English, as the form is filed in Chinese), its value and unit, and the records it is computed
from. A field the records cannot fill yet has no value and says so ("无数据来源 / no source
yet"): it is never a zero. README ("The statutory report") maps every field to its source.

Contracts count in the year they were signed (drafts excluded), money received in the year it
arrived (the payments' ``received_on``), whatever the contract's year.
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string

from apps.agreements.choices import ContractKind, ContractStatus, TransferMode
from apps.agreements.models import Contract, Payment
from apps.core.export import XlsxBook

NO_SOURCE = "无数据来源 / no source yet"
YUAN = "元 / CNY"
COUNT = "项 / contracts"
CENT = Decimal("0.01")

MODE_LABELS = {
    TransferMode.TRANSFER: "转让 / Transfer",
    TransferMode.LICENCE: "许可 / Licence",
    TransferMode.EQUITY: "作价投资 / Equity investment",
}
KIND_LABELS = {
    ContractKind.DEVELOPMENT: "技术开发 / Technology development",
    ContractKind.CONSULTING: "技术咨询 / Technology consulting",
    ContractKind.SERVICE: "技术服务 / Technology service",
}


@dataclass
class Field:
    label: str
    value: object  # None: no source yet
    unit: str
    source: str

    @property
    def has_source(self):
        return self.value is not None

    @property
    def shown(self):
        return NO_SOURCE if self.value is None else self.value

    @property
    def printed(self):
        """The value as the PDF prints it: thousands separated, amounts to the fen."""
        return NO_SOURCE if self.value is None else grouped(self.value)


@dataclass
class Section:
    key: str
    title: str
    fields: list = field(default_factory=list)


@dataclass
class TransferReport:
    year: int
    sections: list
    equity: list  # (company, contracts, shares, percent) of every equity investment so far

    def section(self, key):
        return next(section for section in self.sections if section.key == key)

    @property
    def printed_equity(self):
        """The equity held as the PDF prints it ("—": not recorded)."""
        return [
            (company, *("—" if value is None else grouped(value) for value in figures))
            for company, *figures in self.equity
        ]


def grouped(value):
    """A figure with thousands separators: 1,234 for a count, 1,234,567.00 for an amount."""
    if isinstance(value, Decimal):
        return f"{value.quantize(CENT):,}"
    return f"{value:,}"


def _money(value):
    return (value or Decimal(0)).quantize(CENT)


def _deals(contracts, label, source):
    found = contracts.aggregate(count=Count("pk"), value=Sum("amount"))
    count, value = found["count"], _money(found["value"])
    average = (value / count).quantize(CENT) if count else Decimal("0.00")
    return [
        Field(f"{label}：合同数 / contracts", count, COUNT, source),
        Field(f"{label}：合同金额 / value", value, YUAN, source),
        Field(f"{label}：平均金额 / average value", average, YUAN, source),
    ]


def transfer_report(*, year):
    """The report of ``year`` (a few aggregate queries, whatever the number of contracts)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    signed = Contract.objects.exclude(status=ContractStatus.DRAFT).filter(
        signed_on__gte=start, signed_on__lte=end
    )
    transfers = signed.filter(kind=ContractKind.TRANSFER)

    modes = Section(
        "modes", "一、以转让、许可、作价投资方式转化科技成果 / Transfer, licence and equity"
    )
    for mode, label in MODE_LABELS.items():
        modes.fields += _deals(
            transfers.filter(transfer_mode=mode),
            label,
            f"技术转让合同，签订于当年，转化方式为{label.split(' / ')[0]} / transfer contracts "
            f"signed in the year, mode {mode}",
        )
    modes.fields.append(
        Field(
            "转化方式未登记的技术转让合同 / transfer contracts without a recorded mode",
            transfers.filter(transfer_mode="").count(),
            COUNT,
            "技术转让合同，转化方式为空 / transfer contracts whose mode is empty",
        )
    )
    modes.fields.append(
        Field(
            "其中向中小微企业转化 / of which to small and micro enterprises",
            None,
            COUNT,
            "合作方未登记企业规模 / partners' size is not recorded",
        )
    )

    services = Section(
        "services", "二、技术开发、技术咨询、技术服务 / Development, consulting and service"
    )
    for kind, label in KIND_LABELS.items():
        services.fields += _deals(
            signed.filter(kind=kind),
            label,
            f"{label.split(' / ')[0]}合同，签订于当年 / {kind} contracts signed in the year",
        )

    received = Payment.objects.filter(
        received_on__gte=start, received_on__lte=end, contract__status__in=_counted_statuses()
    )
    by_kind = {
        row["contract__kind"]: row["total"]
        for row in received.values("contract__kind").annotate(total=Sum("amount")).order_by()
    }
    by_mode = {
        row["contract__transfer_mode"]: row["total"]
        for row in received.filter(contract__kind=ContractKind.TRANSFER)
        .values("contract__transfer_mode")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    money = Section("received", "三、当年到账金额 / Money received in the year")
    money.fields.append(
        Field(
            "到账金额合计 / money received, total",
            _money(received.aggregate(total=Sum("amount"))["total"]),
            YUAN,
            "当年到账的合同款项（不论合同签订年份） / payments received in the year",
        )
    )
    for mode, label in MODE_LABELS.items():
        money.fields.append(
            Field(
                f"{label}：到账 / received",
                _money(by_mode.get(mode)),
                YUAN,
                "同上，按转化方式 / as above, by mode",
            )
        )
    for kind, label in KIND_LABELS.items():
        money.fields.append(
            Field(
                f"{label}：到账 / received",
                _money(by_kind.get(kind)),
                YUAN,
                "同上，按合同类型 / as above, by contract kind",
            )
        )

    rewards = Section("rewards", "四、奖励科研人员 / Income shared with researchers")
    rewards.fields += [
        Field(
            "用于奖励个人的金额 / amount paid to researchers",
            None,
            YUAN,
            "门户不记录收益分配 / the portal records no distribution of income",
        ),
        Field(
            "获得奖励的人次 / researchers rewarded",
            None,
            "人次 / people",
            "门户不记录收益分配 / the portal records no distribution of income",
        ),
    ]

    equity_contracts = Contract.objects.exclude(status=ContractStatus.DRAFT).filter(
        kind=ContractKind.TRANSFER, transfer_mode=TransferMode.EQUITY, signed_on__lte=end
    )
    holdings = list(
        equity_contracts.values("equity_company__name_zh")
        .annotate(
            contracts=Count("pk"),
            shares=Sum("equity_shares"),
            percent=Sum("equity_percent"),
            first=Count("pk", filter=Q(signed_on__gte=start)),
        )
        .order_by("equity_company__name_zh")
    )
    spinoffs = Section("equity", "五、衍生企业与持有股权 / Spin-off companies and equity held")
    spinoffs.fields += [
        Field(
            "作价投资形成或参股的企业（累计） / companies invested in, to date",
            len(holdings),
            "家 / companies",
            "作价投资合同的被投资公司，截至当年末 / companies of equity contracts to year end",
        ),
        Field(
            "其中当年新增 / of which new in the year",
            sum(1 for row in holdings if row["first"] == row["contracts"]),
            "家 / companies",
            "首份作价投资合同签订于当年 / first equity contract signed in the year",
        ),
        Field(
            "持有股份合计 / shares held, total",
            sum(row["shares"] or 0 for row in holdings),
            "股 / shares",
            "作价投资合同登记的所获股份 / shares recorded on equity contracts",
        ),
        Field(
            "股权当年收益（分红、转让） / income from equity in the year",
            None,
            YUAN,
            "门户不记录股权收益 / the portal records no income from equity",
        ),
    ]
    equity = [
        (row["equity_company__name_zh"] or "—", row["contracts"], row["shares"], row["percent"])
        for row in holdings
    ]
    return TransferReport(
        year=year, sections=[modes, services, money, rewards, spinoffs], equity=equity
    )


def _counted_statuses():
    return [status for status in ContractStatus.values if status != ContractStatus.DRAFT]


TITLE = "科技成果转化年度报告 / Annual report on the transfer of achievements"


def render_xlsx(report):
    buffer = io.BytesIO()
    with XlsxBook(buffer) as book:
        sheet = book.add_sheet("报告 Report", widths=(60, 22, 16, 70))
        sheet.write_row([f"{report.year}年{TITLE}"], book.heading)
        sheet.write_row([])
        for section in report.sections:
            sheet.write_row([section.title], book.bold)
            sheet.write_row(["项目 / Field", "数值 / Value", "单位 / Unit", "来源 / Source"])
            for item in section.fields:
                sheet.write_row(
                    [item.label, item.shown, item.unit, item.source],
                    formats=(None, book.grouped(item.value)),
                )
            sheet.write_row([])
        holdings = book.add_sheet(
            "持有股权 Equity held",
            ["企业 / Company", "合同数 / Contracts", "股份 / Shares", "持股比例 / Share (%)"],
            widths=(40, 14, 18, 16),
        )
        for row in report.equity:
            holdings.write_row(row, formats=[book.grouped(value) for value in row])
    return buffer.getvalue()


def render_pdf(report):
    from weasyprint import HTML

    html = render_to_string("agreements/transfer_report.html", {"report": report, "title": TITLE})
    return HTML(string=html).write_pdf()


def render(report, path):
    """The report in the format the file name asks for: PDF for ``.pdf``, else XLSX."""
    return render_pdf(report) if str(path).lower().endswith(".pdf") else render_xlsx(report)
