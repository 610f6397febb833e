"""The events' part of the synthetic data set (``apps.core.synthetic``): exchange events, a few
of them announced (COPY).

Reads the places (regions), ``synth.departments`` (core), ``synth.offices`` (offices).
"""

import datetime

from apps.core.synthetic import PREFIX, SyntheticStep, table
from apps.events.models import EventKind, ExchangeEvent

EVENT_TITLES = {
    EventKind.FAIR: ("科技成果对接会", "technology fair"),
    EventKind.MATCHMAKING: ("校企合作洽谈会", "university–enterprise match-making"),
    EventKind.TRAINING: ("专题培训班", "training programme"),
    EventKind.VISIT: ("调研考察", "visit and survey"),
    EventKind.FORUM: ("产学研合作论坛", "industry–university–research forum"),
    EventKind.SIGNING: ("合作签约仪式", "signing ceremony"),
}


def write_events(synth, count):
    departments, offices = synth.departments, synth.offices
    rows = []
    kinds = list(EventKind)
    for n in range(count):
        province, city = synth.place()
        kind = synth.random.choice(kinds)
        title_zh, title_en = EVENT_TITLES[kind]
        place = city or province
        if synth.random.random() < 0.03:
            start = synth.today + datetime.timedelta(days=synth.random.randint(1, 180))
        else:
            start = synth.date_between(datetime.date(2000, 1, 1), synth.today)
        office = (
            synth.random.choice(offices[province.pk])
            if province.pk in offices and synth.random.random() < 0.4
            else None
        )
        rows.append(
            (
                f"{PREFIX}-E-{n:06d}",
                f"清华大学—{place.name_zh}{title_zh}（{start.year}）",
                f"Tsinghua–{place.name_en} {title_en} ({start.year})",
                kind.value,
                start.isoformat(),
                (start + datetime.timedelta(days=synth.random.choice((0, 0, 1, 2)))).isoformat(),
                province.pk,
                city.pk if city else None,
                office,
                synth.random.choice(departments).pk if synth.random.random() < 0.5 else None,
                "清华大学科技开发部",
                synth.random.randint(20, 400),
                f"达成合作意向{synth.random.randint(1, 30)}项。",
                f"{synth.random.randint(1, 30)} cooperation intentions agreed.",
                synth.public(),
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
    synth.copier.copy(ExchangeEvent, rows, columns)
    synth.write(f"{count} events")


EVENTS = SyntheticStep(
    90,
    "events",
    write_events,
    option="events",
    default=10_000,
    clear=lambda prefix: [
        (f"DELETE FROM {table(ExchangeEvent)} WHERE code LIKE %s", f"{prefix}-%")
    ],
)
