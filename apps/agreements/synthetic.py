"""The agreements' part of the synthetic data set (``apps.core.synthetic``): framework
agreements with the synthetic partners, and the technology contracts (the big table, written
with COPY).

Reads the places (regions), ``synth.organizations`` and ``synth.governments`` (partners), ``synth.departments`` (core),
``synth.offices`` (offices). Leaves ``synth.agreements`` ({province pk: [agreement pks]}).
"""

import datetime

from apps.agreements.models import (
    AgreementKind,
    Contract,
    ContractKind,
    ContractStatus,
    CooperationAgreement,
)
from apps.core.synthetic import FIRST_YEAR, PREFIX, TOPICS, SyntheticStep, bulk_load, table
from apps.regions.models import Province

WORK = [
    ("关键技术研发", "R&D of key technologies for", ContractKind.DEVELOPMENT),
    ("技术开发", "Development of", ContractKind.DEVELOPMENT),
    ("专利技术转让", "Patent transfer in", ContractKind.TRANSFER),
    ("技术服务", "Technical services for", ContractKind.SERVICE),
    ("检测与评估服务", "Testing and assessment of", ContractKind.SERVICE),
    ("发展规划咨询", "Planning consultancy on", ContractKind.CONSULTING),
    ("可行性研究", "Feasibility study of", ContractKind.CONSULTING),
]


def write_agreements(synth, count):
    organizations, governments = synth.organizations, synth.governments
    rows = []
    for n in range(count):
        partner = synth.random.choice(governments) if n % 3 else synth.random.choice(organizations)
        province = Province(pk=partner.province_id) if partner.province_id else synth.place()[0]
        signed = synth.date_between(datetime.date(FIRST_YEAR, 1, 1), synth.today)
        term = datetime.timedelta(days=365 * synth.random.choice((3, 5, 5, 10)))
        rows.append(
            CooperationAgreement(
                number=f"{PREFIX}-A-{n:05d}",
                title_zh=f"全面战略合作协议（{n}）" if n % 2 else f"科技合作框架协议（{n}）",
                title_en=f"Comprehensive strategic cooperation agreement ({n})"
                if n % 2
                else f"Framework agreement on S&T cooperation ({n})",
                kind=AgreementKind.COMPREHENSIVE if n % 2 else AgreementKind.SPECIFIC,
                province_id=province.pk,
                city_id=partner.city_id,
                organization_id=partner.pk,
                signed_on=signed,
                start_on=signed,
                end_on=signed + term,
                is_illustrative=True,
            )
        )
    CooperationAgreement.objects.bulk_create(rows, batch_size=2000)
    agreements = {}
    for pk, province_id in CooperationAgreement.objects.filter(
        number__startswith=f"{PREFIX}-"
    ).values_list("pk", "province_id"):
        agreements.setdefault(province_id, []).append(pk)
    synth.agreements = agreements


def write_contracts(synth, count):
    columns = [
        "number",
        "title_zh",
        "title_en",
        "kind",
        "status",
        "department_id",
        "principal_investigator",
        "organization_id",
        "province_id",
        "city_id",
        "agreement_id",
        "office_id",
        "signed_on",
        "start_on",
        "end_on",
        "amount",
        "is_public",
        "is_illustrative",
    ]
    with bulk_load(Contract):
        synth.copier.copy(Contract, contract_rows(synth, count), columns)
    synth.write(f"{count} contracts")


def contract_rows(synth, count):
    departments, organizations = synth.departments, synth.organizations
    agreements, offices = synth.agreements, synth.offices
    kinds_status = [
        ContractStatus.COMPLETED,
        ContractStatus.COMPLETED,
        ContractStatus.IN_PROGRESS,
        ContractStatus.SIGNED,
        ContractStatus.TERMINATED,
        ContractStatus.DRAFT,
    ]
    by_province = {}
    for organization in organizations:
        by_province.setdefault(organization.province_id, []).append(organization)
    for n in range(count):
        province, city = synth.place()
        partner = synth.random.choice(by_province.get(province.pk) or organizations)
        topic_zh, topic_en = synth.random.choice(TOPICS)
        work_zh, work_en, kind = synth.random.choice(WORK)
        signed = synth.date_between(datetime.date(FIRST_YEAR, 1, 1), synth.today)
        status = synth.random.choice(kinds_status)
        amount = round(min(5e7, max(2e4, synth.random.lognormvariate(12.6, 1.1))), -2)
        agreement = (
            synth.random.choice(agreements[province.pk])
            if province.pk in agreements and synth.random.random() < 0.3
            else None
        )
        office = (
            synth.random.choice(offices[province.pk])
            if province.pk in offices and synth.random.random() < 0.2
            else None
        )
        yield (
            f"{PREFIX}-C-{n:07d}",
            f"{topic_zh}{work_zh}",
            f"{work_en} {topic_en}",
            kind,
            status,
            synth.random.choice(departments).pk,
            synth.person(),
            partner.pk,
            province.pk,
            city.pk if city else None,
            agreement,
            office,
            signed.isoformat(),
            signed.isoformat(),
            (signed + datetime.timedelta(days=synth.random.randint(90, 1100))).isoformat(),
            f"{amount:.2f}",
            synth.public(),
            "t",
        )


AGREEMENTS = SyntheticStep(
    30,
    "agreements",
    write_agreements,
    option="agreements",
    default=300,
    clear=lambda prefix: [
        (
            f"DELETE FROM {table(CooperationAgreement.scope_areas.through)} WHERE "
            f"cooperationagreement_id IN "
            f"(SELECT id FROM {table(CooperationAgreement)} WHERE number LIKE %s)",
            f"{prefix}-%",
        ),
        (f"DELETE FROM {table(CooperationAgreement)} WHERE number LIKE %s", f"{prefix}-%"),
    ],
)
CONTRACTS = SyntheticStep(
    60,
    "contracts",
    write_contracts,
    option="contracts",
    default=100_000,
    clear=lambda prefix: [(f"DELETE FROM {table(Contract)} WHERE number LIKE %s", f"{prefix}-%")],
    exists=lambda: Contract.objects.filter(number__startswith=f"{PREFIX}-").exists(),
)
