"""The events' part of the demo data (``apps.core.demo``): 122–134 illustrative exchange events
every year since 2011, over 500 of them by the offices.

Reads from the loader: the places (regions), ``schools`` (core), ``offices_by_city`` (offices)
and the random sequence (after the contracts' draws).
"""

import datetime

from django.db.models import Count
from django.db.models.functions import ExtractYear

from apps.core.demo import DemoStep, upsert
from apps.events.models import ExchangeEvent
from apps.regions.demo import OFFICE_CITIES

FIRST_EVENT_YEAR = 2011

EVENT_KINDS = [
    ("fair", "科技成果展洽会", "technology fair"),
    ("matchmaking", "校企技术对接会", "university–enterprise match-making"),
    ("training", "干部与企业人才培训班", "training programme for officials and enterprise staff"),
    ("visit", "专家调研", "expert survey visit"),
    ("forum", "产学研合作论坛", "industry–education–research forum"),
    ("signing", "合作签约仪式", "cooperation signing ceremony"),
]


def load_events(loader):
    rng = loader.rng
    events = []
    office_codes = [code for code, _ in OFFICE_CITIES]
    for year in range(FIRST_EVENT_YEAR, loader.today.year + 1):
        for index in range(122 + rng.randint(0, 12)):
            in_office_city = rng.random() < 0.45
            code = rng.choice(office_codes if in_office_city else loader.city_codes)
            city = loader.cities[code]
            office = loader.offices_by_city.get(code)
            kind, kind_zh, kind_en = rng.choice(EVENT_KINDS)
            start = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            events.append(
                ExchangeEvent(
                    code=f"demo-ev-{year}-{index:03d}",
                    title_zh=f"{year}年{city.name_zh}{kind_zh}",
                    title_en=f"{year} {kind_en} in {city.name_en}",
                    kind=kind,
                    start_on=start,
                    end_on=start + datetime.timedelta(days=rng.choice((0, 1, 2))),
                    province=loader.provinces[city.province.code],
                    city=city,
                    office_id=office.pk if office and office.opened_on <= start else None,
                    department_id=loader.schools[rng.randrange(len(loader.schools))],
                    organizer="清华大学科技开发部",
                    participants=rng.randint(30, 400),
                    outcomes_zh="促成技术需求对接与合作意向。",
                    outcomes_en="Matched technology needs and led to letters of intent.",
                    is_illustrative=True,
                )
            )
    upsert(ExchangeEvent, events, ["code"])


def events_per_year():
    rows = (
        ExchangeEvent.objects.annotate(year=ExtractYear("start_on"))
        .values("year")
        .annotate(total=Count("pk"))
        .order_by("year")
    )
    return {row["year"]: row["total"] for row in rows}


def event_figures(today):
    per_year = events_per_year()
    return [
        (40, "office activities", ExchangeEvent.objects.filter(office__isnull=False).count()),
        (
            70,
            "fewest exchange events in a full year",
            min((total for year, total in per_year.items() if year < today.year), default=0),
        ),
    ]


EVENTS = DemoStep(
    100, load_events, places=((ExchangeEvent, "province", "city"),), figures=event_figures
)
