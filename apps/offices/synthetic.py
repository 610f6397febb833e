"""The offices' part of the synthetic data set (``apps.core.synthetic``): an office in as many
distinct cities as asked, with every duty.

Reads the places (regions). Leaves ``synth.offices`` ({province pk: [office pks]}).
"""

import datetime

from apps.core.synthetic import PREFIX, SyntheticStep, table
from apps.offices.models import CooperationOffice, Duty


def write_offices(synth, count):
    rows = []
    chosen = set()
    duties = list(Duty.objects.all())
    while len(rows) < count and len(chosen) < 400:
        province, city = synth.place(with_city=1)
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
                opened_on=synth.date_between(datetime.date(2005, 1, 1), synth.today),
                address=f"{province.name_zh}{city.name_zh}科技大道{synth.random.randint(1, 999)}号",
                contact_name=synth.person(),
                contact_phone=f"0{synth.random.randint(10, 999)}-{synth.random.randint(10000000, 99999999)}",
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
    synth.offices = by_province


OFFICES = SyntheticStep(
    40,
    "offices",
    write_offices,
    option="offices",
    default=40,
    clear=lambda prefix: [
        (
            f"DELETE FROM {table(CooperationOffice.duties.through)} WHERE "
            f"cooperationoffice_id IN "
            f"(SELECT id FROM {table(CooperationOffice)} WHERE code LIKE %s)",
            f"{prefix.lower()}-%",
        ),
        (f"DELETE FROM {table(CooperationOffice)} WHERE code LIKE %s", f"{prefix.lower()}-%"),
    ],
)
