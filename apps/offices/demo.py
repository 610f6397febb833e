"""The offices' part of the demo data (``apps.core.demo``): the six duties of an office, the
22 cooperation offices (the seed's Suzhou, Wuxi and Changzhou and 19 others; all marked
illustrative, as their opening dates are made up) and their practice bases.

Reads from the loader: the places (regions), ``organization_ids`` and ``enterprises_by_city``
(partners). Leaves ``office_ids`` and ``offices_by_city`` ({city code: office}).
"""

import datetime

from apps.core.demo import DemoStep, replace_links, upsert
from apps.offices.models import CooperationOffice, Duty, PracticeBase, PracticeBaseKind
from apps.regions.demo import OFFICE_CITIES

OFFICE_DUTIES = [
    (
        "custom-services",
        "定期为地区和企业提供定制化技术服务，推动具有良好市场前景的创新技术在当地应用。",
        "Provide customized technology services for regions and enterprises on a regular basis, "
        "and promote the application in the region of innovative technologies with promising "
        "market returns.",
    ),
    (
        "expert-surveys",
        "派遣专家深入调研企业现状与发展潜力。",
        "Send experts to survey in depth the present conditions of the enterprise and its future "
        "development potential.",
    ),
    (
        "strategic-planning",
        "结合地区实际，利用清华大学的学术资源支持地方政府开展战略规划。",
        "Support the local government in strategic planning in view of the specific conditions of "
        "the region by taking advantage of the university's academic resources.",
    ),
    (
        "investment",
        "借助清华大学丰富的海外联系，为地区引进国际高科技投资。",
        "Invite international high-tech investment for the region through the university's rich "
        "connections overseas.",
    ),
    (
        "training",
        "协助地方政府安排地区或企业的人才到清华大学参加培训。",
        "Assist the local government in arranging training programmes at the university for "
        "talented staff of the region or enterprise.",
    ),
    (
        "practice-bases",
        "协助学校安排教师在当地挂职实习，建立研究生社会实践基地和毕业生实践基地。",
        "Assist the university in arranging local internships for teachers, and in setting up "
        "social practice bases for postgraduates and practice bases for new graduates.",
    ),
]


def load_duties(loader):
    upsert(
        Duty,
        [
            Duty(code=code, position=i, text_zh=zh, text_en=en)
            for i, (code, zh, en) in enumerate(OFFICE_DUTIES, 1)
        ],
        ["code"],
    )


def load_offices(loader):
    offices = []
    for index, (code, _named_by_seed) in enumerate(OFFICE_CITIES):
        city = loader.cities[code]
        offices.append(
            CooperationOffice(
                code=f"office-{code}",
                name_zh=f"清华大学{city.name_zh.removesuffix('市')}产学研合作办公室",
                name_en=f"Tsinghua Industry–Education–Research Cooperation Office in "
                f"{city.name_en}",
                province=loader.provinces[city.province.code],
                city=city,
                # Made up: the seed dates no office (all 22 open by the end of 2015).
                opened_on=datetime.date(2003 + index % 8, 1 + index % 12, 1),
                # Illustrative: no Beijing number starts 0000.
                office_phone=f"010-0000{index:04d}",
                office_email=f"office-{code}@example.edu.cn",
                contact_email=f"office-{code}@example.edu.cn",
                # The seed names Suzhou, Wuxi and Changzhou, but not when they opened, nor
                # the other offices: every office row carries made-up values.
                is_illustrative=True,
            )
        )
    loader.office_ids = upsert(CooperationOffice, offices, ["code"])
    loader.offices_by_city = {o.city.code: o for o in offices}
    for office in offices:
        office.pk = loader.office_ids[office.code]
    duty_ids = list(Duty.objects.values_list("pk", flat=True))
    replace_links(
        CooperationOffice.duties.through,
        "cooperationoffice_id",
        "duty_id",
        {pk: duty_ids for pk in loader.office_ids.values()},
    )
    bases = []
    for office in offices:
        enterprise = loader.enterprises_by_city[office.city.code][0]
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
                    organization_id=loader.organization_ids[enterprise],
                    established_on=office.opened_on.replace(year=office.opened_on.year + 1),
                )
            )
    upsert(PracticeBase, bases, ["office", "name_zh"])


DUTIES = DemoStep(12, load_duties)
OFFICES = DemoStep(
    50,
    load_offices,
    places=((CooperationOffice, "province", "city"),),
    figures=lambda today: [(30, "cooperation offices", CooperationOffice.objects.count())],
)
