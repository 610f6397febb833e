"""The joint institutes' part of the synthetic data set (``apps.core.synthetic``).

Reads the places (regions).
"""

import datetime

from apps.core.synthetic import PREFIX, TOPICS, SyntheticStep, table
from apps.institutes.models import InstituteKind, JointInstitute


def write_institutes(synth, count):
    rows = []
    for n in range(count):
        province, city = synth.place(with_city=1)
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
                established_on=synth.date_between(datetime.date(1998, 1, 1), synth.today),
                focus_zh=f"面向{place.name_zh}的{topic_zh}技术研发与成果转化。",
                focus_en=f"Research and commercialisation of {topic_en} for {place.name_en}.",
                is_illustrative=True,
            )
        )
    JointInstitute.objects.bulk_create(rows)


INSTITUTES = SyntheticStep(
    50,
    "institutes",
    write_institutes,
    option="institutes",
    default=24,
    clear=lambda prefix: [
        (f"DELETE FROM {table(JointInstitute)} WHERE code LIKE %s", f"{prefix.lower()}-%")
    ],
)
