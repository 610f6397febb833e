"""The synthetic data set's toolkit: what each app's ``synthetic.py`` writes its part of
``manage.py generate_synthetic`` with (a large, clearly illustrative data set for benchmarks).

A record type that brings synthetic rows names its step in its registry declaration::

    registry.register(
        "events.ExchangeEvent",
        ...
        synthetic="apps.events.synthetic.EVENTS",
    )

where ``EVENTS = SyntheticStep(90, "events", write_events, option="events", default=10_000,
clear=...)``. The command (``apps.demo``) offers each step's ``option`` (``--events N``), runs
the steps in the order of their ``position`` with one ``Synthesizer`` (one random sequence and
what earlier steps leave for later ones: ``synth.departments``, ``synth.organizations`` …),
and with ``--clear`` first runs the steps' ``clear`` statements, the last step's first.

Every record it writes is ``is_illustrative`` and carries a ``SYN-`` code or number, so
``--clear`` removes exactly what an earlier run wrote. The big tables are written with
PostgreSQL COPY (``Copier``, ``bulk_load``); the small ones with bulk_create.
"""

import csv
import datetime
import io
import itertools
import math
import random
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection

from apps.core.models import Department, DepartmentKind

PREFIX = "SYN"
FIRST_YEAR = 1995


@dataclass(frozen=True)
class SyntheticStep:
    """One step of the synthetic data set: ``write(synth, count)`` runs at ``position``;
    ``option`` names the command's option giving ``count`` (its ``default``, ``help``);
    ``clear(prefix)`` gives the SQL statements, each with its LIKE pattern, that remove what an
    earlier run wrote; ``exists()`` says whether an earlier run's rows are there."""

    position: int
    name: str
    write: Callable
    option: str = ""
    default: int = 0
    help: str = ""
    clear: Callable | None = None
    exists: Callable | None = None


def table(model):
    return model._meta.db_table


# The technologies the synthetic records are about (institutes, contracts, projects).
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

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文斌志红晓东海峰宇鹏飞"


class Synthesizer:
    """What the steps share: today, now, one random sequence, the writer, the places
    (``provinces``, ``cities`` by province pk, ``weights``: left by the regions' step) and
    what earlier steps leave for later ones."""

    def __init__(self, *, seed, today, now, stdout):
        self.random = random.Random(seed)
        self.today = today
        self.now = now
        self.copier = Copier(now)
        self.stdout = stdout

    def write(self, text):
        self.stdout.write(text)

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


# --------------------------------------------------------------------------- core's own part

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


def write_departments(synth, _count):
    """Leaves ``synth.departments``: the synthetic schools."""
    existing = {d.code: d for d in Department.objects.filter(code__startswith=f"{PREFIX.lower()}-")}
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
    synth.departments = list(Department.objects.filter(code__startswith=f"{PREFIX.lower()}-"))


DEPARTMENTS_STEP = SyntheticStep(
    10,
    "departments",
    write_departments,
    clear=lambda prefix: [
        (f"DELETE FROM {table(Department)} WHERE code LIKE %s", f"{prefix.lower()}-%")
    ],
)
