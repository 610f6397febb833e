"""The agreements' part of the demo data (``apps.core.demo``): the six scope areas, the
illustrative comprehensive and specific agreements, and about 1,700 technology contracts with
their payments (over 300 million yuan through the offices).

Reads from the loader: the places (regions), ``organization_ids`` and ``enterprises_by_city``
(partners), ``schools`` (core), ``offices_by_city`` (offices). Leaves ``agreement_ids``.
"""

import datetime
from decimal import Decimal

from django.db.models import Sum

from apps.agreements.choices import TransferMode
from apps.agreements.models import (
    AgreementKind,
    AgreementStatus,
    Contract,
    ContractKind,
    ContractStatus,
    CooperationAgreement,
    Payment,
    ScopeArea,
)
from apps.core.demo import DemoStep, government_of, replace_links, upsert
from apps.regions.demo import AGREEMENT_PROVINCES, OFFICE_CITIES

OFFICE_CONTRACT_TARGET = Decimal("320000000")

SCOPE_AREAS = [
    ("strategy", "社会经济发展战略", "Social and economic development strategy"),
    ("talent", "创新人才联合培养", "Joint training of innovative talents"),
    ("industries", "特色产业与支柱产业发展", "Distinctive and pillar industries"),
    ("platforms", "创新平台建设", "Innovation platforms"),
    ("key-problems", "科技攻关", "Tackling key S&T problems"),
    ("international", "国际合作", "International cooperation"),
]


CONTRACT_TOPICS = [
    ("工艺优化", "process optimization"),
    ("关键部件研发", "development of key components"),
    ("检测方法", "testing methods"),
    ("节能改造", "energy-saving retrofit"),
    ("智能控制系统", "intelligent control system"),
    ("新产品设计", "new product design"),
    ("污染治理", "pollution control"),
    ("发展规划咨询", "development planning consultancy"),
]


def load_scope_areas(loader):
    upsert(
        ScopeArea,
        [
            ScopeArea(code=code, name_zh=zh, name_en=en, position=i)
            for i, (code, zh, en) in enumerate(SCOPE_AREAS, 1)
        ],
        ["code"],
    )


def load_agreements(loader):
    agreements = []
    scope_codes = [code for code, _zh, _en in SCOPE_AREAS]
    scopes = {}
    for index, code in enumerate(AGREEMENT_PROVINCES):
        province = loader.provinces[code]
        signed = datetime.date(1992 + index, 3 + index % 9, 10 + index % 15)
        number = f"DEMO-AGR-P{code[:2]}"
        agreements.append(
            CooperationAgreement(
                number=number,
                title_zh=f"清华大学与{province.name_zh}全面合作协议",
                title_en=f"Comprehensive cooperation agreement with {province.name_en}",
                kind=AgreementKind.COMPREHENSIVE,
                status=AgreementStatus.ACTIVE,
                province=province,
                organization_id=government_of(loader, province_code=code),
                signed_on=signed,
                start_on=signed,
                summary_zh="覆盖发展战略、人才培养、特色与支柱产业、创新平台、科技攻关和国际合作。",
                summary_en="Covers development strategy, talent training, distinctive and pillar "
                "industries, innovation platforms, key S&T problems and international cooperation.",
                is_illustrative=True,
            )
        )
        scopes[number] = scope_codes
    for index, code in enumerate(loader.city_codes[::2]):
        city = loader.cities[code]
        signed = datetime.date(2000 + index % 16, 1 + index % 12, 1 + index % 27)
        number = f"DEMO-AGR-C{code}"
        agreements.append(
            CooperationAgreement(
                number=number,
                title_zh=f"清华大学与{city.name_zh}产学研合作协议",
                title_en=f"Industry–education–research agreement with {city.name_en}",
                kind=AgreementKind.SPECIFIC,
                status=AgreementStatus.ACTIVE,
                province=loader.provinces[city.province.code],
                city=city,
                organization_id=government_of(loader, city_code=code),
                signed_on=signed,
                start_on=signed,
                end_on=signed.replace(year=signed.year + 5),
                is_illustrative=True,
            )
        )
        scopes[number] = scope_codes[2 + index % 3 : 4 + index % 3]
    loader.agreement_ids = upsert(CooperationAgreement, agreements, ["number"])
    scope_ids = dict(ScopeArea.objects.values_list("code", "pk"))
    replace_links(
        CooperationAgreement.scope_areas.through,
        "cooperationagreement_id",
        "scopearea_id",
        {
            loader.agreement_ids[number]: [scope_ids[c] for c in codes]
            for number, codes in scopes.items()
        },
    )


def contract_for(loader, number, year, code, *, through_office):
    rng = loader.rng
    city = loader.cities[code]
    kind = rng.choice(ContractKind.values)
    topic_zh, topic_en = rng.choice(CONTRACT_TOPICS)
    signed = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    months = rng.choice((6, 12, 18, 24, 36))
    end = signed + datetime.timedelta(days=months * 30)
    amount = Decimal(min(max(int(rng.lognormvariate(12.6, 1.0)), 20_000), 30_000_000)).quantize(
        Decimal("100")
    )
    office = loader.offices_by_city.get(code)
    use_office = through_office and office and office.opened_on <= signed
    province_code = city.province.code
    agreement_number = f"DEMO-AGR-C{code}"
    if agreement_number not in loader.agreement_ids:
        agreement_number = f"DEMO-AGR-P{province_code[:2]}"
    if end < loader.today:
        status = ContractStatus.COMPLETED
    elif signed <= loader.today:
        status = ContractStatus.IN_PROGRESS
    else:
        status = ContractStatus.SIGNED
    # Drawn in the order the records always drew them, so every other figure stays put.
    department_id = loader.schools[rng.randrange(len(loader.schools))]
    principal_investigator = f"教师{rng.randint(1, 400):03d}"
    partner = rng.choice(loader.enterprises_by_city[code])
    transfer = _transfer_fields(number, amount, loader.organization_ids[partner], kind)
    return Contract(
        number=number,
        # The title names the contract's own partner (its name without 有限公司).
        title_zh=f"{partner.removesuffix('有限公司')}{topic_zh}",
        title_en=f"{topic_en.capitalize()} for an enterprise in {city.name_en}",
        kind=kind,
        status=status,
        department_id=department_id,
        principal_investigator=principal_investigator,
        organization_id=loader.organization_ids[partner],
        province=loader.provinces[province_code],
        city=city,
        agreement_id=loader.agreement_ids.get(agreement_number),
        office_id=office.pk if use_office else None,
        signed_on=signed,
        start_on=signed,
        end_on=end,
        amount=amount,
        is_public=rng.random() < 0.8,
        is_illustrative=True,
        **transfer,
    )


def _transfer_fields(number, amount, partner_id, kind):
    """A transfer contract's mode, from its number (no random draw, so every other demo
    figure stays put): mostly licences, then transfers, a few equity investments in the
    partner, holding shares worth the amount at one yuan a share."""
    if kind != ContractKind.TRANSFER:
        return {}
    spread = sum(map(ord, number))
    mode = (TransferMode.LICENCE, TransferMode.TRANSFER, TransferMode.LICENCE, TransferMode.EQUITY)[
        spread % 4
    ]
    if mode != TransferMode.EQUITY:
        return {"transfer_mode": mode}
    return {
        "transfer_mode": mode,
        "equity_company_id": partner_id,
        "equity_shares": int(amount),
        "equity_percent": Decimal(spread % 19 + 1),
    }


def load_contracts(loader):
    contracts = []
    office_total = Decimal(0)
    office_codes = [code for code, _ in OFFICE_CITIES]
    last_year = loader.today.year
    for sequence in range(1600):
        year = 1990 + int((last_year - 1990) * (loader.rng.random() ** 0.6))
        in_office_city = loader.rng.random() < 0.35
        code = loader.rng.choice(office_codes if in_office_city else loader.city_codes)
        contract = contract_for(
            loader, f"DEMO-{year}-{sequence:05d}", year, code, through_office=True
        )
        contracts.append(contract)
        if contract.office_id:
            office_total += contract.amount
    sequence = len(contracts)
    while office_total < OFFICE_CONTRACT_TARGET:
        year = loader.rng.randint(2012, last_year)
        contract = contract_for(
            loader,
            f"DEMO-{year}-{sequence:05d}",
            year,
            loader.rng.choice(office_codes),
            through_office=True,
        )
        sequence += 1
        if contract.office_id:
            contracts.append(contract)
            office_total += contract.amount
    contract_ids = upsert(Contract, contracts, ["number"])
    payments = []
    for contract in contracts:
        instalments = loader.rng.choice((1, 2, 3))
        share = (contract.amount / instalments).quantize(Decimal("0.01"))
        for index in range(instalments):
            due = contract.signed_on + datetime.timedelta(days=90 * (index + 1))
            paid = loader.rng.random() < 0.9
            amount = share if index < instalments - 1 else contract.amount - share * index
            payments.append(
                Payment(
                    contract_id=contract_ids[contract.number],
                    instalment=index + 1,
                    amount=amount,
                    due_on=due,
                    received_on=due + datetime.timedelta(days=10)
                    if paid and due + datetime.timedelta(days=10) <= loader.today
                    else None,
                )
            )
    upsert(Payment, payments, ["contract", "instalment"])


SCOPE = DemoStep(11, load_scope_areas)
AGREEMENTS = DemoStep(40, load_agreements, places=((CooperationAgreement, "province", "city"),))
CONTRACTS = DemoStep(
    90,
    load_contracts,
    places=((Contract, "province", "city"),),
    figures=lambda today: [
        (
            50,
            "contract value through offices (CNY)",
            Contract.objects.filter(office__isnull=False).aggregate(total=Sum("amount"))["total"]
            or 0,
        )
    ],
)
