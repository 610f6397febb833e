"""A large, realistic, clearly illustrative data set for measuring the portal.

Every record it writes is ``is_illustrative`` and carries a ``SYN-`` code or number, so
``--clear`` removes exactly what an earlier run wrote. The big tables are written with
PostgreSQL COPY; the small ones with bulk_create. Signals do not fire, so the command refreshes
the search index and the public pages' cache version itself at the end.
"""

import csv
import datetime
import io
import itertools
import math
import random
import time
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from apps.agreements.models import (
    AgreementKind,
    AgreementStatus,
    Contract,
    ContractKind,
    ContractStatus,
    CooperationAgreement,
)
from apps.core.models import Department, DepartmentKind
from apps.events.models import EventKind, ExchangeEvent
from apps.funds.models import ContributingParty, CooperationFund, FundContribution, FundGrant
from apps.institutes.models import InstituteKind, JointInstitute
from apps.offices.models import CooperationOffice, Duty
from apps.partners.models import Organization, OrganizationKind, Ownership
from apps.projects.models import CooperationProject, ProjectSite, ProjectStatus
from apps.regions.models import City, CityLevel, Province

PREFIX = "SYN"
FIRST_YEAR = 1995

DEPARTMENTS = [
    ("chem", "化学系", "Department of Chemistry"),
    ("auto", "车辆与运载学院", "School of Vehicle and Mobility"),
    ("thermal", "热能工程系", "Department of Thermal Engineering"),
    ("mech", "机械工程系", "Department of Mechanical Engineering"),
    ("env", "环境学院", "School of Environment"),
    ("ie", "工业工程系", "Department of Industrial Engineering"),
    ("sem", "经济管理学院", "School of Economics and Management"),
    ("ee", "电机工程与应用电子技术系", "Department of Electrical Engineering"),
    ("cs", "计算机科学与技术系", "Department of Computer Science and Technology"),
    ("civil", "土木工程系", "Department of Civil Engineering"),
    ("mse", "材料学院", "School of Materials Science and Engineering"),
    ("hydro", "水利水电工程系", "Department of Hydraulic Engineering"),
    ("elec", "电子工程系", "Department of Electronic Engineering"),
    ("precision", "精密仪器系", "Department of Precision Instrument"),
    ("aero", "航天航空学院", "School of Aerospace Engineering"),
    ("arch", "建筑学院", "School of Architecture"),
    ("bio", "生命科学学院", "School of Life Sciences"),
    ("energy", "能源与动力工程系", "Department of Energy and Power Engineering"),
]

TOPICS = [
    ("有机发光显示", "organic light-emitting displays"),
    ("盐碱地改良", "saline-alkali soil improvement"),
    ("燃煤烟气脱硫", "flue gas desulfurization"),
    ("电动汽车动力电池", "electric vehicle batteries"),
    ("重型锻压装备", "heavy forging presses"),
    ("环境污染事故应急", "pollution accident emergency response"),
    ("化工物流规划", "chemical logistics planning"),
    ("城市污水处理", "municipal wastewater treatment"),
    ("工业机器人", "industrial robots"),
    ("智能电网", "smart grids"),
    ("光伏发电", "photovoltaic power"),
    ("锂离子电池材料", "lithium-ion battery materials"),
    ("高端数控机床", "high-end CNC machine tools"),
    ("碳捕集与封存", "carbon capture and storage"),
    ("大数据平台", "big data platforms"),
    ("人工智能视觉检测", "AI visual inspection"),
    ("智慧交通", "intelligent transport"),
    ("建筑节能", "building energy efficiency"),
    ("水资源调度", "water resource dispatching"),
    ("生物医药", "biomedicine"),
    ("新型复合材料", "advanced composites"),
    ("集成电路设计", "integrated circuit design"),
    ("氢能与燃料电池", "hydrogen and fuel cells"),
    ("土壤重金属修复", "heavy-metal soil remediation"),
    ("钢铁冶金节能", "energy saving in steelmaking"),
    ("煤炭清洁利用", "clean coal utilisation"),
    ("农业物联网", "agricultural internet of things"),
    ("公共安全监测", "public safety monitoring"),
    ("精密测量仪器", "precision measuring instruments"),
    ("航空发动机叶片", "aero-engine blades"),
]

WORK = [
    ("关键技术研发", "R&D of key technologies for", ContractKind.DEVELOPMENT),
    ("技术开发", "Development of", ContractKind.DEVELOPMENT),
    ("专利技术转让", "Patent transfer in", ContractKind.TRANSFER),
    ("技术服务", "Technical services for", ContractKind.SERVICE),
    ("检测与评估服务", "Testing and assessment of", ContractKind.SERVICE),
    ("发展规划咨询", "Planning consultancy on", ContractKind.CONSULTING),
    ("可行性研究", "Feasibility study of", ContractKind.CONSULTING),
]

PROJECT_WORK = [
    ("产业化示范", "Industrial demonstration of"),
    ("推广应用", "Wide application of"),
    ("中试基地建设", "Pilot base for"),
    ("示范工程", "Demonstration project of"),
]

EVENT_TITLES = {
    EventKind.FAIR: ("科技成果对接会", "technology fair"),
    EventKind.MATCHMAKING: ("校企合作洽谈会", "university–enterprise match-making"),
    EventKind.TRAINING: ("专题培训班", "training programme"),
    EventKind.VISIT: ("调研考察", "visit and survey"),
    EventKind.FORUM: ("产学研合作论坛", "industry–university–research forum"),
    EventKind.SIGNING: ("合作签约仪式", "signing ceremony"),
}

COMPANY_WORDS = [
    ("华创", "Huachuang"),
    ("中科", "Zhongke"),
    ("新源", "Xinyuan"),
    ("恒通", "Hengtong"),
    ("海创", "Haichuang"),
    ("金泰", "Jintai"),
    ("宏达", "Hongda"),
    ("天成", "Tiancheng"),
    ("瑞丰", "Ruifeng"),
    ("博远", "Boyuan"),
    ("鼎盛", "Dingsheng"),
    ("绿能", "Lvneng"),
    ("联创", "Lianchuang"),
    ("卓越", "Zhuoyue"),
    ("同方", "Tongfang"),
    ("启明", "Qiming"),
]
INDUSTRIES = [
    ("新材料", "New Materials", "新材料"),
    ("智能装备", "Intelligent Equipment", "装备制造"),
    ("环保科技", "Environmental Technology", "节能环保"),
    ("能源", "Energy", "能源"),
    ("电子", "Electronics", "电子信息"),
    ("化工", "Chemicals", "化工"),
    ("汽车零部件", "Auto Parts", "汽车"),
    ("生物科技", "Biotech", "生物医药"),
    ("信息技术", "Information Technology", "软件和信息服务"),
    ("建设工程", "Construction", "建筑"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文斌志红晓东海峰宇鹏飞"

# Rough weights: more cooperation in the east and in the big municipalities.
PROVINCE_WEIGHTS = {
    "110000": 9,
    "120000": 6,
    "130000": 6,
    "310000": 7,
    "320000": 10,
    "330000": 8,
    "370000": 7,
    "440000": 9,
    "340000": 5,
    "350000": 4,
    "410000": 4,
    "420000": 4,
    "430000": 3,
    "210000": 4,
    "220000": 3,
    "230000": 3,
    "150000": 3,
    "640000": 3,
    "500000": 3,
    "510000": 4,
    "530000": 3,
    "610000": 3,
    "710000": 0.3,
    "810000": 0.5,
    "820000": 0.3,
    "540000": 0.5,
    "630000": 0.6,
}


class Copier:
    """Writes rows into a model's table with COPY; omitted columns get the field's default."""

    NULL = r"\N"
    CHUNK = 50_000

    def __init__(self, now):
        self.now = now

    def _filler(self, field):
        if field.column in ("created_at", "updated_at"):
            return self.now.isoformat()
        if field.column == "is_illustrative":
            return "t"
        default = field.get_default()
        if default is None:
            return self.NULL
        if isinstance(default, bool):
            return "t" if default else "f"
        return default

    def copy(self, model, rows, columns):
        """COPY the rows (any iterable) in chunks, so a million rows never sit in memory."""
        omitted = [
            f
            for f in model._meta.concrete_fields
            if f.column not in columns and not f.primary_key and not f.generated
        ]
        fillers = [self._filler(f) for f in omitted]
        names = ", ".join(f'"{c}"' for c in [*columns, *(f.column for f in omitted)])
        statement = (
            f"COPY {model._meta.db_table} ({names}) FROM STDIN "
            f"WITH (FORMAT csv, NULL '{self.NULL}')"
        )
        rows = iter(rows)
        while chunk := list(itertools.islice(rows, self.CHUNK)):
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            for row in chunk:
                writer.writerow([self.NULL if v is None else v for v in row] + fillers)
            buffer.seek(0)
            with connection.cursor() as cursor:
                cursor.cursor.copy_expert(statement, buffer)


@contextmanager
def bulk_load(model):
    """Drop the table's foreign keys and secondary indexes (those no other constraint needs),
    let the caller fill the table, then add them back: each index is built in one pass and
    each foreign key checked by one join, instead of one index update and one row lock on the
    referenced row per inserted row (at a million contracts the per-row checks alone take
    longer than everything else)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        # PostgreSQL alters no table with deferred checks pending (those of the rows written
        # so far in this transaction): run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        foreign_keys = cursor.fetchall()
        for name, _definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class Command(BaseCommand):
    help = "Fill the database with a large illustrative data set (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--contracts", type=int, default=100_000)
        parser.add_argument("--projects", type=int, default=20_000)
        parser.add_argument("--events", type=int, default=10_000)
        parser.add_argument("--organizations", type=int, default=5_000)
        parser.add_argument("--agreements", type=int, default=300)
        parser.add_argument("--offices", type=int, default=40)
        parser.add_argument("--institutes", type=int, default=24)
        parser.add_argument("--funds", type=int, default=12)
        parser.add_argument("--seed", type=int, default=2015)
        parser.add_argument(
            "--clear", action="store_true", help="First remove what an earlier run wrote."
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Skip rebuilding the search index."
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        self.random = random.Random(options["seed"])
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.copier = Copier(self.now)
        if not Province.objects.exists():
            call_command("load_geography", stdout=self.stdout)
        with transaction.atomic():
            if options["clear"]:
                self.step("clear", self.clear)
            elif Contract.objects.filter(number__startswith=f"{PREFIX}-").exists():
                raise CommandError(
                    "A synthetic data set is already loaded: pass --clear to replace it."
                )
            self.load_places()
            departments = self.step("departments", self.departments)
            organizations = self.step("organizations", self.organizations, options["organizations"])
            agreements = self.step(
                "agreements", self.agreements, options["agreements"], organizations
            )
            offices = self.step("offices", self.offices, options["offices"])
            self.step("institutes", self.institutes, options["institutes"], organizations)
            self.step(
                "contracts",
                self.contracts,
                options["contracts"],
                departments,
                organizations,
                agreements,
                offices,
            )
            projects = self.step(
                "projects", self.projects, options["projects"], departments, organizations
            )
            self.step("funds", self.funds, options["funds"], organizations, projects, departments)
            self.step("events", self.events, options["events"], departments, offices)
        with connection.cursor() as cursor:
            # Fresh planner statistics: without them PostgreSQL plans for the tables' old sizes.
            # VACUUM too marks the new rows visible to all (the visibility map), which index-only
            # scans need: a deep admin page skips its rows in an index instead of the table.
            # It cannot run inside a caller's transaction (a test's): ANALYZE alone there.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        written = time.perf_counter() - started
        self.stdout.write(f"Records written (vacuumed and analyzed) in {written:.1f} s.")
        if not options["no_index"]:
            call_command("rebuild_search_index", stdout=self.stdout)
        from apps.core.pagecache import bump_version

        bump_version()
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic data set ready in {time.perf_counter() - started:.1f} s."
            )
        )

    # --- helpers -------------------------------------------------------------------------

    def step(self, name, function, *args):
        started = time.perf_counter()
        result = function(*args)
        self.stdout.write(f"  {name}: {time.perf_counter() - started:.1f} s")
        return result

    def clear(self):
        """Delete an earlier run's records in SQL: no per-row signals or history rows."""
        code = f"{PREFIX.lower()}-%"
        number = f"{PREFIX}-%"

        def table(model):
            return model._meta.db_table

        statements = [
            (
                f"DELETE FROM {table(FundGrant)} WHERE fund_id IN "
                f"(SELECT id FROM {table(CooperationFund)} WHERE code LIKE %s)",
                code,
            ),
            (
                f"DELETE FROM {table(FundContribution)} WHERE fund_id IN "
                f"(SELECT id FROM {table(CooperationFund)} WHERE code LIKE %s)",
                code,
            ),
            (f"DELETE FROM {table(CooperationFund)} WHERE code LIKE %s", code),
            (f"DELETE FROM {table(ExchangeEvent)} WHERE code LIKE %s", number),
            (f"DELETE FROM {table(Contract)} WHERE number LIKE %s", number),
            (
                f"DELETE FROM {table(ProjectSite)} WHERE project_id IN "
                f"(SELECT id FROM {table(CooperationProject)} WHERE code LIKE %s)",
                code,
            ),
            (
                f"DELETE FROM {table(CooperationProject.partners.through)} WHERE "
                f"cooperationproject_id IN "
                f"(SELECT id FROM {table(CooperationProject)} WHERE code LIKE %s)",
                code,
            ),
            (f"DELETE FROM {table(CooperationProject)} WHERE code LIKE %s", code),
            (f"DELETE FROM {table(JointInstitute)} WHERE code LIKE %s", code),
            (
                f"DELETE FROM {table(CooperationOffice.duties.through)} WHERE "
                f"cooperationoffice_id IN "
                f"(SELECT id FROM {table(CooperationOffice)} WHERE code LIKE %s)",
                code,
            ),
            (f"DELETE FROM {table(CooperationOffice)} WHERE code LIKE %s", code),
            (
                f"DELETE FROM {table(CooperationAgreement.scope_areas.through)} WHERE "
                f"cooperationagreement_id IN "
                f"(SELECT id FROM {table(CooperationAgreement)} WHERE number LIKE %s)",
                number,
            ),
            (f"DELETE FROM {table(CooperationAgreement)} WHERE number LIKE %s", number),
            (f"DELETE FROM {table(Organization)} WHERE credit_code LIKE %s", f"{PREFIX}%"),
            (f"DELETE FROM {table(Department)} WHERE code LIKE %s", code),
        ]
        with connection.cursor() as cursor:
            for statement, pattern in statements:
                cursor.execute(statement, [pattern])
        self.stdout.write("Removed the earlier synthetic data set.")

    def load_places(self):
        provinces = list(Province.objects.order_by("code"))
        cities = {}
        for city in City.objects.filter(level=CityLevel.PREFECTURE) | City.objects.filter(
            parent__isnull=True, level=CityLevel.COUNTY
        ):
            cities.setdefault(city.province_id, []).append(city)
        self.provinces = [p for p in provinces if cities.get(p.pk)] or provinces
        self.cities = cities
        self.weights = [PROVINCE_WEIGHTS.get(p.code, 1.5) for p in self.provinces]

    def place(self, with_city=0.9):
        province = self.random.choices(self.provinces, self.weights)[0]
        candidates = self.cities.get(province.pk)
        city = (
            self.random.choice(candidates)
            if candidates and self.random.random() < with_city
            else None
        )
        return province, city

    def date_between(self, first, last):
        span = (last - first).days
        # Skewed toward recent years, as cooperation grew.
        return first + datetime.timedelta(days=int(span * math.sqrt(self.random.random())))

    def person(self):
        return self.random.choice(SURNAMES) + "".join(
            self.random.choice(GIVEN) for _ in range(self.random.choice((1, 2)))
        )

    def public(self):
        return "t" if self.random.random() < 0.95 else "f"

    # --- records -------------------------------------------------------------------------

    def departments(self):
        existing = {
            d.code: d for d in Department.objects.filter(code__startswith=f"{PREFIX.lower()}-")
        }
        new = [
            Department(
                code=f"{PREFIX.lower()}-{code}",
                name_zh=name_zh,
                name_en=name_en,
                kind=DepartmentKind.SCHOOL,
                is_illustrative=True,
            )
            for code, name_zh, name_en in DEPARTMENTS
            if f"{PREFIX.lower()}-{code}" not in existing
        ]
        Department.objects.bulk_create(new)
        return list(Department.objects.filter(code__startswith=f"{PREFIX.lower()}-"))

    def organizations(self, count):
        rows, names = [], set()
        governments = []
        for province in self.provinces:
            governments.append(
                (
                    f"{province.name_zh}人民政府",
                    f"People's Government of {province.name_en}",
                    province,
                    None,
                )
            )
            for city in self.cities.get(province.pk, [])[:4]:
                governments.append(
                    (
                        f"{city.name_zh}人民政府",
                        f"People's Government of {city.name_en}",
                        province,
                        city,
                    )
                )
        for name_zh, name_en, province, city in governments:
            names.add(name_zh)
            rows.append(
                Organization(
                    kind=OrganizationKind.GOVERNMENT,
                    ownership=Ownership.PUBLIC_SECTOR,
                    government_level="city" if city else "province",
                    name_zh=name_zh,
                    name_en=name_en,
                    credit_code=f"{PREFIX}G{len(rows):06d}",
                    province=province,
                    city=city,
                    is_illustrative=True,
                )
            )
        attempts = 0
        while len(rows) < count + len(governments) and attempts < count * 20:
            attempts += 1
            province, city = self.place(with_city=1)
            word_zh, word_en = self.random.choice(COMPANY_WORDS)
            industry_zh, industry_en, industry = self.random.choice(INDUSTRIES)
            place = (city or province).name_zh.rstrip("市省")
            name_zh = f"{place}{word_zh}{industry_zh}有限公司"
            if name_zh in names:
                continue
            names.add(name_zh)
            place_en = (city or province).name_en.replace(" City", "")
            rows.append(
                Organization(
                    kind=OrganizationKind.ENTERPRISE,
                    ownership=self.random.choice(
                        [
                            Ownership.PRIVATE,
                            Ownership.PRIVATE,
                            Ownership.STATE_OWNED,
                            Ownership.FOREIGN,
                        ]
                    ),
                    name_zh=name_zh,
                    name_en=f"{place_en} {word_en} {industry_en} Co., Ltd.",
                    credit_code=f"{PREFIX}E{len(rows):06d}",
                    industry=industry,
                    province=province,
                    city=city,
                    is_public=self.random.random() < 0.9,
                    is_illustrative=True,
                )
            )
        Organization.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
        organizations = list(
            Organization.objects.filter(credit_code__startswith=PREFIX).only(
                "pk", "kind", "province_id", "city_id"
            )
        )
        self.stdout.write(f"{len(organizations)} organizations")
        return organizations

    def agreements(self, count, organizations):
        governments = [o for o in organizations if o.kind == OrganizationKind.GOVERNMENT]
        rows = []
        for n in range(count):
            partner = (
                self.random.choice(governments) if n % 3 else self.random.choice(organizations)
            )
            province = Province(pk=partner.province_id) if partner.province_id else self.place()[0]
            signed = self.date_between(datetime.date(FIRST_YEAR, 1, 1), self.today)
            term = datetime.timedelta(days=365 * self.random.choice((3, 5, 5, 10)))
            rows.append(
                CooperationAgreement(
                    number=f"{PREFIX}-A-{n:05d}",
                    title_zh=f"全面战略合作协议（{n}）" if n % 2 else f"科技合作框架协议（{n}）",
                    title_en=f"Comprehensive strategic cooperation agreement ({n})"
                    if n % 2
                    else f"Framework agreement on S&T cooperation ({n})",
                    kind=AgreementKind.COMPREHENSIVE if n % 2 else AgreementKind.SPECIFIC,
                    status=AgreementStatus.ACTIVE
                    if signed + term >= self.today
                    else AgreementStatus.EXPIRED,
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
        return agreements

    def offices(self, count):
        rows = []
        chosen = set()
        duties = list(Duty.objects.all())
        while len(rows) < count and len(chosen) < 400:
            province, city = self.place(with_city=1)
            if city is None or city.pk in chosen:
                continue
            chosen.add(city.pk)
            rows.append(
                CooperationOffice(
                    code=f"{PREFIX.lower()}-office-{len(rows):03d}",
                    name_zh=f"清华大学{city.name_zh}产学研合作办公室",
                    name_en=f"Tsinghua University Office for Cooperation in {city.name_en}",
                    province=province,
                    city=city,
                    opened_on=self.date_between(datetime.date(2005, 1, 1), self.today),
                    address=f"{province.name_zh}{city.name_zh}科技大道{self.random.randint(1, 999)}号",
                    contact_name=self.person(),
                    contact_phone=f"0{self.random.randint(10, 999)}-{self.random.randint(10000000, 99999999)}",
                    is_illustrative=True,
                )
            )
        offices = CooperationOffice.objects.bulk_create(rows)
        if duties:
            through = CooperationOffice.duties.through
            through.objects.bulk_create(
                [through(cooperationoffice_id=o.pk, duty_id=d.pk) for o in offices for d in duties]
            )
        by_province = {}
        for office in offices:
            by_province.setdefault(office.province_id, []).append(office.pk)
        return by_province

    def institutes(self, count, organizations):
        rows = []
        for n in range(count):
            province, city = self.place(with_city=1)
            topic_zh, topic_en = TOPICS[n % len(TOPICS)]
            place = city or province
            rows.append(
                JointInstitute(
                    code=f"{PREFIX.lower()}-inst-{n:03d}",
                    name_zh=f"清华大学{place.name_zh}{topic_zh}研究院",
                    name_en=f"Tsinghua {place.name_en} Institute of {topic_en.capitalize()}",
                    kind=InstituteKind.LOCAL_GOVERNMENT if n % 3 else InstituteKind.REGIONAL,
                    province=province,
                    city=city,
                    established_on=self.date_between(datetime.date(1998, 1, 1), self.today),
                    focus_zh=f"面向{place.name_zh}的{topic_zh}技术研发与成果转化。",
                    focus_en=f"Research and commercialisation of {topic_en} for {place.name_en}.",
                    is_illustrative=True,
                )
            )
        JointInstitute.objects.bulk_create(rows)

    def contracts(self, count, departments, organizations, agreements, offices):
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
            self.copier.copy(
                Contract,
                self.contract_rows(count, departments, organizations, agreements, offices),
                columns,
            )
        self.stdout.write(f"{count} contracts")

    def contract_rows(self, count, departments, organizations, agreements, offices):
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
            province, city = self.place()
            partner = self.random.choice(by_province.get(province.pk) or organizations)
            topic_zh, topic_en = self.random.choice(TOPICS)
            work_zh, work_en, kind = self.random.choice(WORK)
            signed = self.date_between(datetime.date(FIRST_YEAR, 1, 1), self.today)
            status = self.random.choice(kinds_status)
            amount = round(min(5e7, max(2e4, self.random.lognormvariate(12.6, 1.1))), -2)
            agreement = (
                self.random.choice(agreements[province.pk])
                if province.pk in agreements and self.random.random() < 0.3
                else None
            )
            office = (
                self.random.choice(offices[province.pk])
                if province.pk in offices and self.random.random() < 0.2
                else None
            )
            yield (
                f"{PREFIX}-C-{n:07d}",
                f"{topic_zh}{work_zh}",
                f"{work_en} {topic_en}",
                kind,
                status,
                self.random.choice(departments).pk,
                self.person(),
                partner.pk,
                province.pk,
                city.pk if city else None,
                agreement,
                office,
                signed.isoformat(),
                signed.isoformat(),
                (signed + datetime.timedelta(days=self.random.randint(90, 1100))).isoformat(),
                f"{amount:.2f}",
                self.public(),
                "t",
            )

    def projects(self, count, departments, organizations):
        rows = []
        for n in range(count):
            topic_zh, topic_en = self.random.choice(TOPICS)
            work_zh, work_en = self.random.choice(PROJECT_WORK)
            started = self.date_between(datetime.date(FIRST_YEAR, 1, 1), self.today)
            rows.append(
                (
                    f"{PREFIX.lower()}-p-{n:06d}",
                    f"{topic_zh}技术{work_zh}（{n}）",
                    f"{work_en} {topic_en} technology ({n})",
                    self.random.choice(departments).pk,
                    f"{topic_zh}技术",
                    f"{topic_en} technology",
                    f"将清华大学{topic_zh}研究成果在地方推广应用，服务区域经济发展。",
                    f"The university's research on {topic_en}, applied in the regions.",
                    self.random.choice(list(ProjectStatus)).value,
                    started.isoformat(),
                    self.public(),
                    "t",
                )
            )
        columns = [
            "code",
            "title_zh",
            "title_en",
            "department_id",
            "technology_zh",
            "technology_en",
            "summary_zh",
            "summary_en",
            "status",
            "started_on",
            "is_public",
            "is_illustrative",
        ]
        self.copier.copy(CooperationProject, rows, columns)
        ids = list(
            CooperationProject.objects.filter(code__startswith=f"{PREFIX.lower()}-p-")
            .order_by("code")
            .values_list("pk", "started_on")
        )
        sites, partners = [], []
        for pk, started in ids:
            places = set()
            for _ in range(self.random.choice((1, 1, 1, 2, 2, 3))):
                province, city = self.place()
                if (province.pk, city.pk if city else None) in places:
                    continue
                places.add((province.pk, city.pk if city else None))
                sites.append(
                    (
                        pk,
                        province.pk,
                        city.pk if city else None,
                        started.isoformat() if started else None,
                    )
                )
            for organization in self.random.sample(organizations, self.random.choice((0, 1, 1, 2))):
                partners.append((pk, organization.pk))
        self.copier.copy(ProjectSite, sites, ["project_id", "province_id", "city_id", "started_on"])
        through = CooperationProject.partners.through
        self.copier.copy(
            through, sorted(set(partners)), ["cooperationproject_id", "organization_id"]
        )
        self.stdout.write(f"{count} projects, {len(sites)} sites")
        return [pk for pk, _started in ids]

    def funds(self, count, organizations, projects, departments):
        governments = [o for o in organizations if o.kind == OrganizationKind.GOVERNMENT]
        funds = []
        for n in range(count):
            government = self.random.choice(governments)
            province = Province.objects.get(pk=government.province_id)
            city = City.objects.get(pk=government.city_id) if government.city_id else None
            place = city or province
            funds.append(
                CooperationFund(
                    code=f"{PREFIX.lower()}-fund-{n:03d}",
                    name_zh=f"清华大学—{place.name_zh}科技合作基金",
                    name_en=f"Tsinghua–{place.name_en} S&T Cooperation Fund",
                    province=province,
                    city=city,
                    government_id=government.pk,
                    established_on=self.date_between(datetime.date(2000, 1, 1), self.today),
                    committed_amount=self.random.choice((2, 3, 5, 10, 20)) * 10_000_000,
                    purpose_zh="支持清华大学科技成果在当地转化。",
                    purpose_en="Supports the industrialization of the university's achievements locally.",
                    is_illustrative=True,
                )
            )
        funds = CooperationFund.objects.bulk_create(funds)
        contributions, grants = [], []
        for fund in funds:
            for party in (ContributingParty.GOVERNMENT, ContributingParty.UNIVERSITY):
                contributions.append(
                    FundContribution(
                        fund=fund,
                        party=party,
                        amount=fund.committed_amount / 2,
                        contributed_on=fund.established_on,
                    )
                )
            for g in range(self.random.randint(3, 12)):
                grants.append(
                    FundGrant(
                        fund=fund,
                        project_id=self.random.choice(projects) if projects else None,
                        title=f"{fund.name_zh}资助项目{g + 1}",
                        department=self.random.choice(departments),
                        amount=self.random.choice((50, 100, 200, 300)) * 10_000,
                        granted_on=fund.established_on + datetime.timedelta(days=60 * (g + 1)),
                    )
                )
        FundContribution.objects.bulk_create(contributions)
        FundGrant.objects.bulk_create(grants)

    def events(self, count, departments, offices):
        rows = []
        kinds = list(EventKind)
        for n in range(count):
            province, city = self.place()
            kind = self.random.choice(kinds)
            title_zh, title_en = EVENT_TITLES[kind]
            place = city or province
            if self.random.random() < 0.03:
                start = self.today + datetime.timedelta(days=self.random.randint(1, 180))
            else:
                start = self.date_between(datetime.date(2000, 1, 1), self.today)
            office = (
                self.random.choice(offices[province.pk])
                if province.pk in offices and self.random.random() < 0.4
                else None
            )
            rows.append(
                (
                    f"{PREFIX}-E-{n:06d}",
                    f"清华大学—{place.name_zh}{title_zh}（{start.year}）",
                    f"Tsinghua–{place.name_en} {title_en} ({start.year})",
                    kind.value,
                    start.isoformat(),
                    (start + datetime.timedelta(days=self.random.choice((0, 0, 1, 2)))).isoformat(),
                    province.pk,
                    city.pk if city else None,
                    office,
                    self.random.choice(departments).pk if self.random.random() < 0.5 else None,
                    "清华大学科技开发部",
                    self.random.randint(20, 400),
                    f"达成合作意向{self.random.randint(1, 30)}项。",
                    f"{self.random.randint(1, 30)} cooperation intentions agreed.",
                    self.public(),
                    "t",
                )
            )
        columns = [
            "code",
            "title_zh",
            "title_en",
            "kind",
            "start_on",
            "end_on",
            "province_id",
            "city_id",
            "office_id",
            "department_id",
            "organizer",
            "participants",
            "outcomes_zh",
            "outcomes_en",
            "is_public",
            "is_illustrative",
        ]
        self.copier.copy(ExchangeEvent, rows, columns)
        self.stdout.write(f"{count} events")
