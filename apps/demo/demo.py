"""``load_demo``: the seed's facts as records, plus marked illustrative records for its figures.

Idempotent: every row has a natural key (code, number, name) and is upserted, every random
choice comes from a fixed seed, so a second run rewrites the same values and adds nothing.
"""

import datetime
import io
import random
from decimal import Decimal

from django.core.management import call_command
from django.db import transaction
from django.db.models import Q

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
from apps.core.models import Department, DepartmentKind, Milestone
from apps.demo import demo_seed as seed
from apps.events.models import ExchangeEvent
from apps.funds.models import ContributingParty, CooperationFund, FundContribution, FundGrant
from apps.institutes.models import Branch, JointInstitute
from apps.offices.models import CooperationOffice, Duty, PracticeBase, PracticeBaseKind
from apps.outcomes.choices import VALUE_METRICS, TargetMetric
from apps.outcomes.models import AgreementTarget
from apps.outcomes.services import records_link_default_agreements
from apps.partners.models import (
    GovernmentLevel,
    Membership,
    MembershipStatus,
    MembershipTier,
    Organization,
    OrganizationKind,
    Ownership,
)
from apps.projects.models import CooperationProject, ProjectSite, ProjectStatus
from apps.regions.geography import romanize
from apps.regions.models import City, CityLevel, Province, Zone

TIMESTAMPS = {"created_at", "updated_at"}
FIRST_EVENT_YEAR = 2011
OFFICE_CONTRACT_TARGET = Decimal("320000000")
RANDOM_SEED = 20151231


def upsert(model, objects, unique_fields):
    """Insert or update by natural key; returns {key: pk}. Timestamps keep their first value."""
    if not objects:
        return {}
    update_fields = [
        field.attname
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not field.generated
        and field.attname not in TIMESTAMPS
        and field.name not in unique_fields
    ]
    model.objects.bulk_create(
        objects,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=unique_fields,
        update_fields=update_fields,
    )
    key_attnames = [model._meta.get_field(name).attname for name in unique_fields]
    rows = model.objects.values_list(*key_attnames, "pk")
    return {row[:-1] if len(row) > 2 else row[0]: row[-1] for row in rows}


def replace_links(through, owner_field, target_field, links):
    """Make a many-to-many table hold exactly `links` ({owner pk: [target pks]}) for those owners.

    Rows already right are left alone, so a second run writes nothing.
    """
    rows = through.objects.filter(**{f"{owner_field}__in": list(links)})
    existing = set(rows.values_list(owner_field, target_field))
    wanted = {(owner, target) for owner, targets in links.items() for target in targets}
    stale = existing - wanted
    if stale:
        rows.filter(
            pk__in=[
                pk
                for pk, owner, target in rows.values_list("pk", owner_field, target_field)
                if (owner, target) in stale
            ]
        ).delete()
    through.objects.bulk_create(
        through(**{owner_field: owner, target_field: target})
        for owner, target in sorted(wanted - existing)
    )


class DemoLoader:
    def __init__(self, today):
        self.today = today
        self.rng = random.Random(RANDOM_SEED)
        self.provinces = {p.code: p for p in Province.objects.all()}
        self.cities = {c.code: c for c in City.objects.select_related("province")}
        if len(self.provinces) < 34:
            raise RuntimeError(
                "Reference geography is missing: run `manage.py load_geography` first."
            )

    def run(self):
        self.load_reference()
        self.load_departments_and_milestones()
        self.load_organizations()
        self.load_agreements()
        self.load_offices()
        self.load_institutes()
        self.load_projects()
        self.load_funds()
        self.load_contracts()
        self.load_events()
        self.load_memberships()
        self.load_targets()
        # Bulk inserts leave no history: give every loaded record its first history row, so a
        # first edit can be compared and reverted.
        call_command("populate_history", auto=True, stdout=io.StringIO())

    # Reference lists -------------------------------------------------------------------
    def load_reference(self):
        upsert(
            ScopeArea,
            [
                ScopeArea(code=code, name_zh=zh, name_en=en, position=i)
                for i, (code, zh, en) in enumerate(seed.SCOPE_AREAS, 1)
            ],
            ["code"],
        )
        upsert(
            Duty,
            [
                Duty(code=code, position=i, text_zh=zh, text_en=en)
                for i, (code, zh, en) in enumerate(seed.OFFICE_DUTIES, 1)
            ],
            ["code"],
        )
        zone_ids = upsert(
            Zone,
            [
                Zone(code=code, kind=kind, name_zh=zh, name_en=en)
                for code, kind, zh, en, _provinces in seed.ZONES
            ],
            ["code"],
        )
        replace_links(
            Zone.provinces.through,
            "zone_id",
            "province_id",
            {
                zone_ids[code]: [self.provinces[c].pk for c in province_codes]
                for code, _kind, _zh, _en, province_codes in seed.ZONES
            },
        )

    def load_departments_and_milestones(self):
        self.department_ids = upsert(
            Department,
            [
                Department(
                    code=code,
                    name_zh=zh,
                    name_en=en,
                    kind=kind,
                    established_on=established,
                    is_illustrative=illustrative,
                )
                for code, zh, en, kind, established, illustrative in seed.DEPARTMENTS
            ],
            ["code"],
        )
        self.schools = [
            self.department_ids[code]
            for code, _zh, _en, kind, _est, _ill in seed.DEPARTMENTS
            if kind == DepartmentKind.SCHOOL
        ]
        upsert(
            Milestone,
            [
                Milestone(
                    happened_on=date,
                    precision=precision,
                    title_zh=zh,
                    title_en=en,
                    department_id=self.department_ids.get(dept),
                )
                for date, precision, zh, en, dept in seed.MILESTONES
            ],
            ["happened_on", "title_zh"],
        )

    # Partners -------------------------------------------------------------------------
    def cooperating_cities(self):
        """The prefecture-level cities the illustrative contracts and events spread over."""
        chosen = {code for code, _ in seed.OFFICE_CITIES}
        chosen |= {"320583", "150200", "610114", "120116", "340100", "210600", "420100"}
        for province_code in seed.AGREEMENT_PROVINCES:
            prefix = province_code[:2]
            prefectures = sorted(
                code
                for code, city in self.cities.items()
                if code.startswith(prefix) and city.level == CityLevel.PREFECTURE
            )
            chosen.update(prefectures[:4])
            if not prefectures:
                districts = sorted(code for code in self.cities if code.startswith(prefix))
                chosen.update(districts[:3])
        return sorted(chosen)

    def load_organizations(self):
        self.city_codes = self.cooperating_cities()
        organizations = []
        for code in seed.AGREEMENT_PROVINCES:
            province = self.provinces[code]
            organizations.append(
                Organization(
                    kind=OrganizationKind.GOVERNMENT,
                    government_level=GovernmentLevel.PROVINCE,
                    ownership=Ownership.PUBLIC_SECTOR,
                    name_zh=f"{province.name_zh}人民政府",
                    name_en=f"People's Government of {province.name_en}",
                    province=province,
                )
            )
        for code in self.city_codes:
            city = self.cities[code]
            organizations.append(
                Organization(
                    kind=OrganizationKind.GOVERNMENT,
                    government_level=GovernmentLevel.CITY,
                    ownership=Ownership.PUBLIC_SECTOR,
                    name_zh=f"{city.name_zh}人民政府",
                    name_en=f"People's Government of {city.name_en}",
                    province=self.provinces[city.province.code],
                    city=city,
                )
            )
        self.enterprises_by_city = {}
        for index, code in enumerate(self.city_codes):
            city = self.cities[code]
            short = city.name_zh.removesuffix("市").removesuffix("区")
            for offset in range(2):
                brand = seed.ENTERPRISE_BRANDS[(index + offset * 3) % len(seed.ENTERPRISE_BRANDS)]
                industry_zh, industry_en, industry = seed.ENTERPRISE_INDUSTRIES[
                    (index * 2 + offset) % len(seed.ENTERPRISE_INDUSTRIES)
                ]
                name_zh = f"{short}{brand}{industry_zh}有限公司"
                organizations.append(
                    Organization(
                        kind=OrganizationKind.ENTERPRISE,
                        ownership=[Ownership.PRIVATE, Ownership.STATE_OWNED, Ownership.FOREIGN][
                            (index + offset) % 3
                        ],
                        name_zh=name_zh,
                        name_en=f"{romanize(short)} {romanize(brand)} {industry_en} Co., Ltd.",
                        industry=industry,
                        province=self.provinces[city.province.code],
                        city=city,
                        is_illustrative=True,
                    )
                )
                self.enterprises_by_city.setdefault(code, []).append(name_zh)
        for name_zh, name_en, city_code in [
            ("北方重工集团有限公司", "North Heavy Industries Group", "150200"),
            (
                "西安阎良国家航空高技术产业基地",
                "Xi'an Yanliang National Aviation High-Tech Industrial Base",
                "610114",
            ),
        ]:
            city = self.cities[city_code]
            organizations.append(
                Organization(
                    kind=OrganizationKind.ENTERPRISE
                    if "集团" in name_zh
                    else OrganizationKind.OTHER,
                    ownership=Ownership.STATE_OWNED,
                    name_zh=name_zh,
                    name_en=name_en,
                    province=self.provinces[city.province.code],
                    city=city,
                )
            )
        # Governments are the seed's partners; only their agreements are illustrative.
        self.organization_ids = upsert(Organization, organizations, ["name_zh"])

    def government_of(self, province_code=None, city_code=None):
        if city_code:
            return self.organization_ids[f"{self.cities[city_code].name_zh}人民政府"]
        return self.organization_ids[f"{self.provinces[province_code].name_zh}人民政府"]

    # Agreements -----------------------------------------------------------------------
    def load_agreements(self):
        agreements = []
        scope_codes = [code for code, _zh, _en in seed.SCOPE_AREAS]
        scopes = {}
        for index, code in enumerate(seed.AGREEMENT_PROVINCES):
            province = self.provinces[code]
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
                    organization_id=self.government_of(province_code=code),
                    signed_on=signed,
                    start_on=signed,
                    summary_zh="覆盖发展战略、人才培养、特色与支柱产业、创新平台、科技攻关和国际合作。",
                    summary_en="Covers development strategy, talent training, distinctive and pillar "
                    "industries, innovation platforms, key S&T problems and international cooperation.",
                    is_illustrative=True,
                )
            )
            scopes[number] = scope_codes
        for index, code in enumerate(self.city_codes[::2]):
            city = self.cities[code]
            signed = datetime.date(2000 + index % 16, 1 + index % 12, 1 + index % 27)
            number = f"DEMO-AGR-C{code}"
            agreements.append(
                CooperationAgreement(
                    number=number,
                    title_zh=f"清华大学与{city.name_zh}产学研合作协议",
                    title_en=f"Industry–education–research agreement with {city.name_en}",
                    kind=AgreementKind.SPECIFIC,
                    status=AgreementStatus.ACTIVE,
                    province=self.provinces[city.province.code],
                    city=city,
                    organization_id=self.government_of(city_code=code),
                    signed_on=signed,
                    start_on=signed,
                    end_on=signed.replace(year=signed.year + 5),
                    is_illustrative=True,
                )
            )
            scopes[number] = scope_codes[2 + index % 3 : 4 + index % 3]
        self.agreement_ids = upsert(CooperationAgreement, agreements, ["number"])
        scope_ids = dict(ScopeArea.objects.values_list("code", "pk"))
        replace_links(
            CooperationAgreement.scope_areas.through,
            "cooperationagreement_id",
            "scopearea_id",
            {
                self.agreement_ids[number]: [scope_ids[c] for c in codes]
                for number, codes in scopes.items()
            },
        )

    # Offices, institutes, projects, funds ----------------------------------------------
    def load_offices(self):
        offices = []
        for index, (code, illustrative) in enumerate(seed.OFFICE_CITIES):
            city = self.cities[code]
            offices.append(
                CooperationOffice(
                    code=f"office-{code}",
                    name_zh=f"清华大学{city.name_zh.removesuffix('市')}产学研合作办公室",
                    name_en=f"Tsinghua Industry–Education–Research Cooperation Office in "
                    f"{city.name_en}",
                    province=self.provinces[city.province.code],
                    city=city,
                    opened_on=datetime.date(2004 + index % 10, 1 + index % 12, 1),
                    contact_email=f"office-{code}@example.edu.cn",
                    is_illustrative=illustrative,
                )
            )
        self.office_ids = upsert(CooperationOffice, offices, ["code"])
        self.offices_by_city = {o.city.code: o for o in offices}
        for office in offices:
            office.pk = self.office_ids[office.code]
        duty_ids = list(Duty.objects.values_list("pk", flat=True))
        replace_links(
            CooperationOffice.duties.through,
            "cooperationoffice_id",
            "duty_id",
            {pk: duty_ids for pk in self.office_ids.values()},
        )
        bases = []
        for office in offices:
            enterprise = self.enterprises_by_city[office.city.code][0]
            for kind in (
                PracticeBaseKind.POSTGRADUATE_PRACTICE,
                PracticeBaseKind.TEACHER_INTERNSHIP,
            ):
                label_zh = (
                    "研究生社会实践基地"
                    if kind == PracticeBaseKind.POSTGRADUATE_PRACTICE
                    else "教师挂职实践基地"
                )
                label_en = (
                    "postgraduate social practice base"
                    if kind == PracticeBaseKind.POSTGRADUATE_PRACTICE
                    else "teachers' internship base"
                )
                bases.append(
                    PracticeBase(
                        office_id=office.pk,
                        kind=kind,
                        name_zh=f"{enterprise}{label_zh}",
                        name_en=f"{office.city.name_en} {label_en}",
                        organization_id=self.organization_ids[enterprise],
                        established_on=office.opened_on.replace(year=office.opened_on.year + 1),
                    )
                )
        upsert(PracticeBase, bases, ["office", "name_zh"])

    def load_institutes(self):
        institutes = []
        for (
            code,
            zh,
            en,
            kind,
            province,
            city,
            signed,
            established,
            focus_zh,
            focus_en,
            _b,
            illustrative,
        ) in seed.INSTITUTES:
            institutes.append(
                JointInstitute(
                    code=code,
                    name_zh=zh,
                    name_en=en,
                    kind=kind,
                    province=self.provinces[province],
                    city=self.cities.get(city),
                    partner_id=self.organization_ids.get(
                        f"{(self.cities[city] if city else self.provinces[province]).name_zh}人民政府"
                    ),
                    agreement_signed_on=signed,
                    established_on=established,
                    focus_zh=focus_zh,
                    focus_en=focus_en,
                    is_illustrative=illustrative,
                )
            )
        institute_ids = upsert(JointInstitute, institutes, ["code"])
        upsert(
            Branch,
            [
                Branch(
                    institute_id=institute_ids[code],
                    name_zh=zh,
                    name_en=en,
                    city=self.cities[city],
                    established_on=established,
                )
                for code, *_rest, established, _fz, _fe, branches, _ill in seed.INSTITUTES
                for zh, en, city in branches
            ],
            ["institute", "name_zh"],
        )

    def load_projects(self):
        projects = [
            CooperationProject(
                code=code,
                title_zh=zh,
                title_en=en,
                department_id=self.department_ids[dept],
                technology_zh=tech_zh,
                technology_en=tech_en,
                status=status,
                started_on=started,
                summary_zh=summary_zh,
                summary_en=summary_en,
            )
            for code, zh, en, dept, tech_zh, tech_en, status, started, summary_zh, summary_en, _s in seed.PROJECTS
        ]
        sites = {
            code: [(province, city, partner) for province, city, partner in site_list]
            for code, *_rest, site_list in seed.PROJECTS
        }
        topics = seed.CONTRACT_TOPICS
        for index, code in enumerate(self.city_codes[1::3]):
            city = self.cities[code]
            topic_zh, topic_en = topics[index % len(topics)]
            project_code = f"demo-{code}"
            projects.append(
                CooperationProject(
                    code=project_code,
                    title_zh=f"{city.name_zh}{topic_zh}示范项目",
                    title_en=f"{topic_en.capitalize()} demonstration in {city.name_en}",
                    department_id=self.schools[index % len(self.schools)],
                    technology_zh=topic_zh,
                    technology_en=topic_en,
                    status=[
                        ProjectStatus.PILOT,
                        ProjectStatus.IN_OPERATION,
                        ProjectStatus.COMPLETED,
                    ][index % 3],
                    started_on=datetime.date(2006 + index % 18, 1 + index % 12, 1),
                    summary_zh=f"在{city.name_zh}推广应用清华大学{topic_zh}成果。",
                    summary_en=f"Applying the university's {topic_en} results in {city.name_en}.",
                    is_illustrative=True,
                )
            )
            sites[project_code] = [(city.province.code, code, self.enterprises_by_city[code][1])]
        self.project_ids = upsert(CooperationProject, projects, ["code"])
        site_rows = []
        for code, site_list in sites.items():
            for province, city, partner in site_list:
                site_rows.append(
                    ProjectSite(
                        project_id=self.project_ids[code],
                        province=self.provinces[province],
                        city=self.cities.get(city),
                        organization_id=self.organization_ids.get(partner),
                    )
                )
        upsert(ProjectSite, site_rows, ["project", "province", "city"])
        partners = {pk: [] for pk in self.project_ids.values()}
        for site in site_rows:
            if site.organization_id:
                partners[site.project_id].append(site.organization_id)
        replace_links(
            CooperationProject.partners.through,
            "cooperationproject_id",
            "organization_id",
            partners,
        )

    def load_funds(self):
        funds = []
        for code, zh, en, province, city, established, committed in seed.FUNDS:
            funds.append(
                CooperationFund(
                    code=code,
                    name_zh=zh,
                    name_en=en,
                    province=self.provinces[province],
                    city=self.cities.get(city),
                    government_id=self.government_of(province_code=province, city_code=city),
                    established_on=established,
                    committed_amount=Decimal(committed),
                    purpose_zh="整合各方资源，推动科技成果产业化；地方政府主导，校企双赢。（规模为示意数据）",
                    purpose_en="Integrates resources to industrialize research achievements, led by the "
                    "local government for the benefit of the university and enterprises. "
                    "(Size is illustrative.)",
                )
            )
        fund_ids = upsert(CooperationFund, funds, ["code"])
        contributions, grants = [], []
        project_codes = sorted(self.project_ids)
        started = dict(
            CooperationProject.objects.filter(pk__in=self.project_ids.values()).values_list(
                "pk", "started_on"
            )
        )
        provinces_of = {}
        for project_id, province_id in ProjectSite.objects.filter(
            project_id__in=self.project_ids.values()
        ).values_list("project_id", "province_id"):
            provinces_of.setdefault(project_id, set()).add(province_id)
        for index, fund in enumerate(funds):
            for party, share in (
                (ContributingParty.GOVERNMENT, Decimal("0.6")),
                (ContributingParty.UNIVERSITY, Decimal("0.2")),
            ):
                contributions.append(
                    FundContribution(
                        fund_id=fund_ids[fund.code],
                        party=party,
                        organization_id=fund.government_id
                        if party == ContributingParty.GOVERNMENT
                        else None,
                        amount=(fund.committed_amount * share).quantize(Decimal("0.01")),
                        contributed_on=fund.established_on,
                    )
                )
            # A fund finances projects in its own province where it has any, and never before a
            # project has started.
            own = [
                code
                for code in project_codes
                if fund.province_id in provinces_of.get(self.project_ids[code], ())
            ]
            candidates = own or project_codes
            for number in range(3):
                project_code = candidates[(index * 3 + number) % len(candidates)]
                project_id = self.project_ids[project_code]
                granted_on = fund.established_on.replace(year=fund.established_on.year + 1 + number)
                if started.get(project_id) and started[project_id] > granted_on:
                    granted_on = started[project_id] + datetime.timedelta(days=30 * (number + 1))
                grants.append(
                    FundGrant(
                        fund_id=fund_ids[fund.code],
                        project_id=project_id,
                        title=f"{fund.name_zh}资助项目{number + 1}（示意）",
                        department_id=self.schools[(index + number) % len(self.schools)],
                        amount=(fund.committed_amount / 20).quantize(Decimal("0.01")),
                        granted_on=granted_on,
                    )
                )
        upsert(FundContribution, contributions, ["fund", "party", "contributed_on"])
        # Grants an earlier version of this loader dated differently: replaced, not kept beside.
        kept = Q()
        for grant in grants:
            kept |= Q(fund_id=grant.fund_id, title=grant.title, granted_on=grant.granted_on)
        FundGrant.objects.filter(fund_id__in=fund_ids.values(), title__endswith="（示意）").exclude(
            kept
        ).delete()
        upsert(FundGrant, grants, ["fund", "title", "granted_on"])

    # Contracts and payments -------------------------------------------------------------
    def contract_for(self, number, year, code, *, through_office):
        rng = self.rng
        city = self.cities[code]
        kind = rng.choice(ContractKind.values)
        topic_zh, topic_en = rng.choice(seed.CONTRACT_TOPICS)
        signed = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        months = rng.choice((6, 12, 18, 24, 36))
        end = signed + datetime.timedelta(days=months * 30)
        amount = Decimal(min(max(int(rng.lognormvariate(12.6, 1.0)), 20_000), 30_000_000)).quantize(
            Decimal("100")
        )
        office = self.offices_by_city.get(code)
        use_office = through_office and office and office.opened_on <= signed
        province_code = city.province.code
        agreement_number = f"DEMO-AGR-C{code}"
        if agreement_number not in self.agreement_ids:
            agreement_number = f"DEMO-AGR-P{province_code[:2]}"
        if end < self.today:
            status = ContractStatus.COMPLETED
        elif signed <= self.today:
            status = ContractStatus.IN_PROGRESS
        else:
            status = ContractStatus.SIGNED
        # Drawn in the order the records always drew them, so every other figure stays put.
        department_id = self.schools[rng.randrange(len(self.schools))]
        principal_investigator = f"教师{rng.randint(1, 400):03d}"
        partner = rng.choice(self.enterprises_by_city[code])
        return Contract(
            number=number,
            # The title names the contract's own partner (its name without 有限公司).
            title_zh=f"{partner.removesuffix('有限公司')}{topic_zh}",
            title_en=f"{topic_en.capitalize()} for an enterprise in {city.name_en}",
            kind=kind,
            status=status,
            department_id=department_id,
            principal_investigator=principal_investigator,
            organization_id=self.organization_ids[partner],
            province=self.provinces[province_code],
            city=city,
            agreement_id=self.agreement_ids.get(agreement_number),
            office_id=office.pk if use_office else None,
            signed_on=signed,
            start_on=signed,
            end_on=end,
            amount=amount,
            is_public=rng.random() < 0.8,
            is_illustrative=True,
        )

    def load_contracts(self):
        contracts = []
        office_total = Decimal(0)
        office_codes = [code for code, _ in seed.OFFICE_CITIES]
        last_year = self.today.year
        for sequence in range(1600):
            year = 1990 + int((last_year - 1990) * (self.rng.random() ** 0.6))
            in_office_city = self.rng.random() < 0.35
            code = self.rng.choice(office_codes if in_office_city else self.city_codes)
            contract = self.contract_for(
                f"DEMO-{year}-{sequence:05d}", year, code, through_office=True
            )
            contracts.append(contract)
            if contract.office_id:
                office_total += contract.amount
        sequence = len(contracts)
        while office_total < OFFICE_CONTRACT_TARGET:
            year = self.rng.randint(2012, last_year)
            contract = self.contract_for(
                f"DEMO-{year}-{sequence:05d}",
                year,
                self.rng.choice(office_codes),
                through_office=True,
            )
            sequence += 1
            if contract.office_id:
                contracts.append(contract)
                office_total += contract.amount
        contract_ids = upsert(Contract, contracts, ["number"])
        payments = []
        for contract in contracts:
            instalments = self.rng.choice((1, 2, 3))
            share = (contract.amount / instalments).quantize(Decimal("0.01"))
            for index in range(instalments):
                due = contract.signed_on + datetime.timedelta(days=90 * (index + 1))
                paid = self.rng.random() < 0.9
                amount = share if index < instalments - 1 else contract.amount - share * index
                payments.append(
                    Payment(
                        contract_id=contract_ids[contract.number],
                        instalment=index + 1,
                        amount=amount,
                        due_on=due,
                        received_on=due + datetime.timedelta(days=10)
                        if paid and due + datetime.timedelta(days=10) <= self.today
                        else None,
                    )
                )
        upsert(Payment, payments, ["contract", "instalment"])

    # Events and memberships -------------------------------------------------------------
    def load_events(self):
        events = []
        office_codes = [code for code, _ in seed.OFFICE_CITIES]
        for year in range(FIRST_EVENT_YEAR, self.today.year + 1):
            for index in range(122 + self.rng.randint(0, 12)):
                in_office_city = self.rng.random() < 0.45
                code = self.rng.choice(office_codes if in_office_city else self.city_codes)
                city = self.cities[code]
                office = self.offices_by_city.get(code)
                kind, kind_zh, kind_en = self.rng.choice(seed.EVENT_KINDS)
                start = datetime.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
                events.append(
                    ExchangeEvent(
                        code=f"demo-ev-{year}-{index:03d}",
                        title_zh=f"{year}年{city.name_zh}{kind_zh}",
                        title_en=f"{year} {kind_en} in {city.name_en}",
                        kind=kind,
                        start_on=start,
                        end_on=start + datetime.timedelta(days=self.rng.choice((0, 1, 2))),
                        province=self.provinces[city.province.code],
                        city=city,
                        office_id=office.pk if office and office.opened_on <= start else None,
                        department_id=self.schools[self.rng.randrange(len(self.schools))],
                        organizer="清华大学科技开发部",
                        participants=self.rng.randint(30, 400),
                        outcomes_zh="促成技术需求对接与合作意向。",
                        outcomes_en="Matched technology needs and led to letters of intent.",
                        is_illustrative=True,
                    )
                )
        upsert(ExchangeEvent, events, ["code"])

    def load_memberships(self):
        enterprises = sorted(name for names in self.enterprises_by_city.values() for name in names)[
            :40
        ]
        memberships = []
        for index, name in enumerate(enterprises):
            joined = datetime.date(1997 + index % 19, 1 + index % 12, 1)
            valid_until = joined.replace(year=joined.year + 3 * (1 + index % 10))
            if valid_until < self.today:
                status = MembershipStatus.LAPSED
            elif valid_until <= self.today + datetime.timedelta(days=60):
                status = MembershipStatus.PENDING_RENEWAL
            else:
                status = MembershipStatus.ACTIVE
            memberships.append(
                Membership(
                    organization_id=self.organization_ids[name],
                    tier=[MembershipTier.STRATEGIC, MembershipTier.SENIOR, MembershipTier.REGULAR][
                        index % 3
                    ],
                    joined_on=joined,
                    valid_until=valid_until,
                    status=status,
                    annual_fee=Decimal([500_000, 200_000, 50_000][index % 3]),
                    is_illustrative=True,
                )
            )
        upsert(Membership, memberships, ["organization", "joined_on"])

    # Targets ----------------------------------------------------------------------------
    # (ratio of the outcome so far to the outcome expected by now): ahead, on and behind.
    TARGET_PACES = (1.35, 1.0, 0.6)
    PROVINCE_METRICS = (
        TargetMetric.CONTRACTS,
        TargetMetric.CONTRACT_VALUE,
        TargetMetric.EVENTS,
        TargetMetric.PEOPLE_TRAINED,
    )
    CITY_METRICS = (TargetMetric.CONTRACTS, TargetMetric.EVENTS)

    def load_targets(self):
        """Illustrative targets sized from what the demo records achieve, so that the
        agreements come out in turn ahead of, on and behind target.

        Records are first linked to their region's agreement in force (the same default staff
        get). Province-wide agreements get targets for the current five-year period; city
        agreements for their whole term.
        """
        records_link_default_agreements()
        current = (
            datetime.date(self.today.year - 2, 1, 1),
            datetime.date(self.today.year + 2, 12, 31),
        )
        terms = {
            pk: (start_on, end_on)
            for pk, start_on, end_on in CooperationAgreement.objects.filter(
                number__startswith="DEMO-AGR-C"
            ).values_list("pk", "start_on", "end_on")
        }
        planned = []
        for number, pk in sorted(self.agreement_ids.items()):
            if number.startswith("DEMO-AGR-P"):
                period, metrics = current, self.PROVINCE_METRICS
            elif number.startswith("DEMO-AGR-C"):
                period = terms[pk]
                # Events are recorded from FIRST_EVENT_YEAR on: no events target before.
                metrics = [
                    metric
                    for metric in self.CITY_METRICS
                    if metric != TargetMetric.EVENTS or period[1].year > FIRST_EVENT_YEAR
                ]
            else:
                continue
            for metric in metrics:
                planned.append(
                    AgreementTarget(
                        agreement_id=pk,
                        metric=metric,
                        quantity=Decimal(1),
                        period_start=period[0],
                        period_end=period[1],
                        note="示意目标（演示数据）",
                        is_illustrative=True,
                    )
                )
        # Placeholders first: the outcomes are computed per target, whatever its quantity.
        upsert(AgreementTarget, planned, ["agreement", "metric", "period_start"])
        outcomes = {
            (target.agreement_id, target.metric): target
            for target in AgreementTarget.objects.filter(
                agreement_id__in=[target.agreement_id for target in planned]
            ).with_progress(on=self.today)
        }
        paces = {}
        for target in planned:
            pace = paces.setdefault(
                target.agreement_id, self.TARGET_PACES[len(paces) % len(self.TARGET_PACES)]
            )
            known = outcomes[(target.agreement_id, target.metric)]
            target.quantity = self.target_quantity(
                target.metric, float(known.actual), known.elapsed_share, pace
            )
        upsert(AgreementTarget, planned, ["agreement", "metric", "period_start"])

    @staticmethod
    def target_quantity(metric, actual, share, pace):
        """The quantity at which ``actual`` is ``pace`` times the progress expected by now."""
        if actual <= 0:
            return Decimal(1_000_000 if metric in VALUE_METRICS else 5)
        quantity = actual / (max(share, 0.05) * pace)
        step = 10_000 if metric in VALUE_METRICS else 1
        return Decimal(max(step, round(quantity / step) * step))


@transaction.atomic
def demo_load(*, today=None):
    DemoLoader(today or datetime.date.today()).run()
