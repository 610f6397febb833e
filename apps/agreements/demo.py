"""The agreements' part of the demo data (``apps.core.demo``): the six scope areas, the
illustrative comprehensive and specific agreements, and about 2,000 technology contracts with
their payments (over 300 million yuan through the offices by the end of 2015), where the
seed's story puts them year by year, each by the school its topic is the work of.

Reads from the loader: the places (regions), ``organization_ids``, ``enterprises_by_city`` and
``enterprise_industry`` (partners), ``department_ids``, ``topics`` and ``investigators`` (core),
``offices_by_city`` (offices). Leaves ``agreement_ids``.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import ProtectedError, Sum

from apps.agreements.choices import TransferMode
from apps.agreements.models import (
    AgreementKind,
    Contract,
    ContractKind,
    ContractStatus,
    CooperationAgreement,
    Payment,
    ScopeArea,
)
from apps.agreements.selectors import AgreementChooser
from apps.core.demo import DemoStep, government_of, replace_links, upsert, weighted_choice
from apps.regions.demo import AGREEMENT_PROVINCES, OFFICE_CITIES, province_weights

OFFICE_CONTRACT_TARGET = Decimal("320000000")
# The seed's figures are as of the end of 2015: the offices' contract value is reached by then.
OFFICE_FIGURES_DATE = datetime.date(2015, 12, 31)
FIRST_CONTRACT_YEAR = 1990

SCOPE_AREAS = [
    ("strategy", "社会经济发展战略", "Social and economic development strategy"),
    ("talent", "创新人才联合培养", "Joint training of innovative talents"),
    ("industries", "特色产业与支柱产业发展", "Distinctive and pillar industries"),
    ("platforms", "创新平台建设", "Innovation platforms"),
    ("key-problems", "科技攻关", "Tackling key S&T problems"),
    ("international", "国际合作", "International cooperation"),
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


# Provincial agreements run for ten years and are renewed before they end; every third runs on
# an open term, reviewed every five years; every fifth was let lapse at the end of its
# last term. City agreements run for five years; every other one was renewed once.
PROVINCE_TERM_YEARS = 10
CITY_TERM_YEARS = 5
REVIEW_EVERY_YEARS = 5
# Renewals are signed this long before the term they renew ends.
RENEWAL_NOTICE = datetime.timedelta(days=60)
# One city agreement in this many was ended early by the parties.
TERMINATED_EVERY = 17


def years_after(date, years):
    """The same day ``years`` later (28 February for 29 February)."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def agreement_terms(signed, *, years, today, renew, lapse_last=False):
    """(signed, start, end) of an agreement and of the renewals that follow it up to today:
    each term ends the day before the next begins, and a renewal is signed before the term it
    renews ends. With ``lapse_last``, the last term ended is not renewed."""
    terms = [(signed, signed, years_after(signed, years) - datetime.timedelta(days=1))]
    while renew and terms[-1][2] < today + RENEWAL_NOTICE:
        start = terms[-1][2] + datetime.timedelta(days=1)
        if lapse_last and years_after(start, years) > today:
            break
        terms.append(
            (start - RENEWAL_NOTICE, start, years_after(start, years) - datetime.timedelta(days=1))
        )
    return terms


def next_review(start, today):
    """The first five-yearly review of an open-term agreement after ``today``."""
    review = years_after(start, REVIEW_EVERY_YEARS)
    while review <= today:
        review = years_after(review, REVIEW_EVERY_YEARS)
    return review


def load_agreements(loader):
    agreements = []
    renews = {}
    scope_codes = [code for code, _zh, _en in SCOPE_AREAS]
    scopes = {}
    for index, code in enumerate(AGREEMENT_PROVINCES):
        province = loader.provinces[code]
        signed = datetime.date(1992 + index, 3 + index % 9, 10 + index % 15)
        number = f"DEMO-AGR-P{code[:2]}"
        common = dict(
            kind=AgreementKind.COMPREHENSIVE,
            province=province,
            organization_id=government_of(loader, province_code=code),
            summary_zh="覆盖发展战略、人才培养、特色与支柱产业、创新平台、科技攻关和国际合作。",
            summary_en="Covers development strategy, talent training, distinctive and pillar "
            "industries, innovation platforms, key S&T problems and international cooperation.",
            is_illustrative=True,
        )
        title_zh = f"清华大学与{province.name_zh}全面合作协议"
        title_en = f"Comprehensive cooperation agreement with {province.name_en}"
        if index % 3 == 0:
            agreements.append(
                CooperationAgreement(
                    number=number,
                    title_zh=title_zh,
                    title_en=title_en,
                    signed_on=signed,
                    start_on=signed,
                    open_term=True,
                    review_on=next_review(signed, loader.today),
                    **common,
                )
            )
            scopes[number] = scope_codes
            continue
        terms = agreement_terms(
            signed,
            years=PROVINCE_TERM_YEARS,
            today=loader.today,
            renew=True,
            lapse_last=index % 5 == 4,
        )
        previous = None
        for round_, (signed_on, start_on, end_on) in enumerate(terms):
            term_number = number if round_ == 0 else f"{number}-R{round_}"
            agreements.append(
                CooperationAgreement(
                    number=term_number,
                    title_zh=title_zh if round_ == 0 else f"{title_zh}（第{round_ + 1}期）",
                    title_en=title_en if round_ == 0 else f"{title_en} (term {round_ + 1})",
                    signed_on=signed_on,
                    start_on=start_on,
                    end_on=end_on,
                    **common,
                )
            )
            scopes[term_number] = scope_codes
            if previous:
                renews[term_number] = previous
            previous = term_number
    for index, code in enumerate(loader.city_codes[::2]):
        city = loader.cities[code]
        signed = datetime.date(2000 + index % 16, 1 + index % 12, 1 + index % 27)
        number = f"DEMO-AGR-C{code}"
        terminated = index % TERMINATED_EVERY == 5
        terms = agreement_terms(
            signed, years=CITY_TERM_YEARS, today=loader.today, renew=index % 2 == 0
        )[: 1 if terminated else 2]
        previous = None
        for round_, (signed_on, start_on, end_on) in enumerate(terms):
            term_number = number if round_ == 0 else f"{number}-R{round_}"
            agreement = CooperationAgreement(
                number=term_number,
                title_zh=f"清华大学与{city.name_zh}产学研合作协议"
                + ("" if round_ == 0 else f"（第{round_ + 1}期）"),
                title_en=f"Industry–education–research agreement with {city.name_en}"
                + ("" if round_ == 0 else f" (term {round_ + 1})"),
                kind=AgreementKind.SPECIFIC,
                province=loader.provinces[city.province.code],
                city=city,
                organization_id=government_of(loader, city_code=code),
                signed_on=signed_on,
                start_on=start_on,
                end_on=end_on,
                is_illustrative=True,
            )
            if terminated:
                agreement.terminated_on = years_after(start_on, 2)
                agreement.termination_reason = "合作方机构调整，双方协商提前终止（示意）"
            agreements.append(agreement)
            scopes[term_number] = scope_codes[2 + index % 3 : 4 + index % 3]
            if previous:
                renews[term_number] = previous
            previous = term_number
    # A renewal names the agreement it renews by id: known for those already loaded, else
    # once the first write gave them one (so a second run writes every row as it was).
    known = dict(
        CooperationAgreement._base_manager.filter(number__in=renews.values()).values_list(
            "number", "pk"
        )
    )
    for agreement in agreements:
        agreement.renews_id = known.get(renews.get(agreement.number))
    loader.agreement_ids = upsert(CooperationAgreement, agreements, ["number"])
    unnamed = [a for a in agreements if a.number in renews and a.renews_id is None]
    for agreement in unnamed:
        agreement.renews_id = loader.agreement_ids[renews[agreement.number]]
    upsert(CooperationAgreement, unnamed, ["number"])
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


def contracts_in_year(year):
    """The illustrative contracts of a full year: a dozen in 1990, growing to 56 a year from
    2001 (with the offices' share on top)."""
    return min(56, 12 + 4 * (year - 1990))


def dates_in_year(loader, year, count):
    """``count`` signing dates in ``year``; in the current year only up to today, and as many
    as the part of the year gone by (the year is filled pro rata, never ahead)."""
    first = datetime.date(year, 1, 1)
    last = min(datetime.date(year, 12, 31), loader.today)
    if last < first:
        return []
    share = ((last - first).days + 1) / ((datetime.date(year, 12, 31) - first).days + 1)
    span = (last - first).days
    return sorted(
        first + datetime.timedelta(days=loader.rng.randint(0, span))
        for _ in range(round(count * share))
    )


def contract_city(loader, signed, cities_by_province):
    """Where a contract signed on ``signed`` lies: a province by the seed's story of the year
    (``apps.regions.demo.province_weights``), then one of its cooperating cities, a city with
    an office open then eight times as likely (the offices broker them)."""
    province_code = weighted_choice(loader.rng, province_weights(signed.year))
    weights = {}
    for code in cities_by_province[province_code]:
        office = loader.offices_by_city.get(code)
        weights[code] = 8 if office and office.opened_on <= signed else 1
    return weighted_choice(loader.rng, weights)


def contract_for(loader, number, signed, code):
    rng = loader.rng
    city = loader.cities[code]
    province = loader.provinces[city.province.code]
    kind = rng.choice(ContractKind.values)
    partner = rng.choice(loader.enterprises_by_city[code])
    industry = loader.enterprise_industry[partner]
    topic_zh, topic_en, school, _industries = rng.choice(
        [topic for topic in loader.topics if industry in topic[3]]
    )
    department_id = loader.department_ids[school]
    months = rng.choice((6, 12, 18, 24, 36))
    end = signed + datetime.timedelta(days=months * 30)
    office = loader.offices_by_city.get(code)
    brokered = office is not None and office.opened_on <= signed
    # Sizes grow with the years: a median of about 160,000 yuan in 1990, 450,000 in 2015; the
    # offices broker larger ones.
    scale = 12.0 + 0.04 * (signed.year - 1990) + (0.5 if brokered else 0)
    amount = Decimal(min(max(int(rng.lognormvariate(scale, 1.0)), 20_000), 30_000_000)).quantize(
        Decimal("100")
    )
    # The agreement in force on the day of signing, chosen as staff's default is
    # (``AgreementChooser``): none where no agreement of the place was in force.
    if getattr(loader, "agreement_chooser", None) is None:
        loader.agreement_chooser = AgreementChooser()
    agreement = loader.agreement_chooser.choose(
        province_id=city.province_id, city_id=city.pk, city_parent_id=city.parent_id, on=signed
    )
    if end < loader.today:
        status = ContractStatus.COMPLETED
    elif signed <= loader.today:
        status = ContractStatus.IN_PROGRESS
    else:
        status = ContractStatus.SIGNED
    transfer = _transfer_fields(number, amount, loader.organization_ids[partner], kind)
    return Contract(
        number=number,
        # The title names the contract's own partner (its name without 有限公司) and its topic,
        # which is the work of the contract's school, for the partner's industry.
        title_zh=f"{partner.removesuffix('有限公司')}{topic_zh}",
        title_en=f"{topic_en[0].upper()}{topic_en[1:]} for an enterprise in {city.name_en}",
        kind=kind,
        status=status,
        department_id=department_id,
        principal_investigator=rng.choice(loader.investigators[department_id]),
        organization_id=loader.organization_ids[partner],
        province=province,
        city=city,
        agreement_id=agreement.pk if agreement else None,
        office_id=office.pk if brokered else None,
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
    cities_by_province = {}
    for code in loader.city_codes:
        cities_by_province.setdefault(loader.cities[code].province.code, []).append(code)
    contracts = []
    office_total = Decimal(0)
    for year in range(FIRST_CONTRACT_YEAR, loader.today.year + 1):
        for signed in dates_in_year(loader, year, contracts_in_year(year)):
            code = contract_city(loader, signed, cities_by_province)
            contract = contract_for(loader, f"DEMO-{year}-{len(contracts):05d}", signed, code)
            contracts.append(contract)
            if contract.office_id and signed <= OFFICE_FIGURES_DATE:
                office_total += contract.amount
    # The seed's contract value through the offices, reached by the end of 2015: further
    # contracts brokered by the offices, spread evenly over the days from the first office's
    # opening to today (so the years keep their trend), until the value by 2015 is reached.
    office_codes = [code for code, _ in OFFICE_CITIES]
    first = min(office.opened_on for office in loader.offices_by_city.values())
    span = (loader.today - first).days
    while office_total < OFFICE_CONTRACT_TARGET:
        signed = first + datetime.timedelta(days=loader.rng.randint(0, span))
        code = loader.rng.choice(office_codes)
        if loader.offices_by_city[code].opened_on > signed:
            continue
        contract = contract_for(loader, f"DEMO-{signed.year}-{len(contracts):05d}", signed, code)
        contracts.append(contract)
        if signed <= OFFICE_FIGURES_DATE:
            office_total += contract.amount
    contract_ids = upsert(Contract, contracts, ["number"])
    # Numbers an earlier version of this loader wrote and this one no longer does; a contract
    # a request points at stays (staff unlink it on purpose).
    stale = Contract.objects.filter(number__startswith="DEMO-", is_illustrative=True).exclude(
        pk__in=contract_ids_of(contract_ids, contracts)
    )
    try:
        with transaction.atomic():
            stale.delete()
    except ProtectedError as error:
        kept = {getattr(record, "contract_id", None) for record in error.protected_objects}
        stale.exclude(pk__in=kept).delete()
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


def contract_ids_of(contract_ids, contracts):
    return [contract_ids[contract.number] for contract in contracts]


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
