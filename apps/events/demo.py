"""The events' part of the demo data (``apps.core.demo``): 122–134 illustrative exchange events
every year since 2006 (the current year up to today), over 500 of them by the offices by the
end of 2015, each with a theme and the school that brings it, no two alike.

Reads from the loader: the places (regions), ``department_ids`` (core), ``offices_by_city``
(offices) and the random sequence (after the contracts' draws).
"""

import datetime

from django.db.models import Count
from django.db.models.functions import ExtractYear

from apps.core.demo import (
    DemoStep,
    agreement_in_force,
    agreement_terms,
    upsert,
    weighted_choice,
)
from apps.events.models import ExchangeEvent
from apps.regions.demo import OFFICE_CITIES, province_weights

FIRST_EVENT_YEAR = 2006

EVENT_KINDS = [
    ("fair", "科技成果展洽会", "technology fair"),
    ("matchmaking", "校企技术对接会", "university–enterprise match-making"),
    ("training", "干部与企业人才培训班", "training programme for officials and enterprise staff"),
    ("visit", "专家调研", "expert survey visit"),
    ("forum", "产学研合作论坛", "industry–education–research forum"),
    ("signing", "合作签约仪式", "cooperation signing ceremony"),
]


# What an event is about, and the school that brings it: (Chinese, English, school code).
EVENT_THEMES = [
    ("新能源汽车", "new energy vehicles", "automotive"),
    ("智能制造", "intelligent manufacturing", "mechanical"),
    ("节能环保", "energy saving and environmental protection", "environment"),
    ("新一代信息技术", "new-generation information technology", "computer"),
    ("集成电路", "integrated circuits", "electronic"),
    ("新材料", "advanced materials", "materials"),
    ("清洁能源", "clean energy", "thermal"),
    ("智能电网", "smart grids", "electrical"),
    ("精细化工", "fine chemicals", "chemistry"),
    ("现代物流", "modern logistics", "industrial"),
    ("区域发展战略", "regional development strategy", "economics-management"),
    ("城市建设", "urban construction", "civil"),
]


def load_events(loader):
    rng = loader.rng
    events = []
    terms = agreement_terms(ExchangeEvent.agreement.field.related_model)
    cities_by_province = {}
    for code in loader.city_codes:
        cities_by_province.setdefault(loader.cities[code].province.code, []).append(code)
    office_codes = [code for code, _ in OFFICE_CITIES]
    titles = {}
    for year in range(FIRST_EVENT_YEAR, loader.today.year + 1):
        count = 122 + rng.randint(0, 12)
        last = min(datetime.date(year, 12, 31), loader.today)
        span = (last - datetime.date(year, 1, 1)).days
        # The current year only up to today, as many as the part of the year gone by.
        count = round(count * (span + 1) / (datetime.date(year, 12, 31).timetuple().tm_yday))
        for index in range(count):
            start = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, span))
            if rng.random() < 0.5:
                open_offices = [
                    code for code in office_codes if loader.offices_by_city[code].opened_on <= start
                ]
                code = rng.choice(open_offices or office_codes)
            else:
                province_code = weighted_choice(rng, province_weights(year))
                code = rng.choice(cities_by_province[province_code])
            city = loader.cities[code]
            province = loader.provinces[city.province.code]
            office = loader.offices_by_city.get(code)
            kind, kind_zh, kind_en = rng.choice(EVENT_KINDS)
            theme_zh, theme_en, school = rng.choice(EVENT_THEMES)
            title_zh = f"{year}年{city.name_zh}{theme_zh}{kind_zh}"
            title_en = f"{year} {theme_en} {kind_en} in {city.name_en}"
            # Two events of one title in a year are its first and second session.
            held = titles.get(title_zh, 0) + 1
            titles[title_zh] = held
            if held > 1:
                title_zh = f"{title_zh}（第{held}场）"
                title_en = f"{title_en} (session {held})"
            events.append(
                ExchangeEvent(
                    code=f"demo-ev-{year}-{index:03d}",
                    title_zh=title_zh,
                    title_en=title_en,
                    kind=kind,
                    start_on=start,
                    end_on=start + datetime.timedelta(days=rng.choice((0, 1, 2))),
                    province=province,
                    city=city,
                    office_id=office.pk if office and office.opened_on <= start else None,
                    agreement_id=agreement_in_force(
                        terms, province.pk, city.pk, start, city.parent_id
                    ),
                    department_id=loader.department_ids[school],
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
