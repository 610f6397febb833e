"""The joint institutes' part of the demo data (``apps.core.demo``): the seed's institutes
(Suzhou Automotive with its Wujiang and Xiangcheng branches, Wuxi, Hefei, Tianjin, and the three
regional ones) with their partner governments.

Reads from the loader: the places (regions) and ``organization_ids`` (partners).
"""

import datetime

from apps.core.demo import DemoStep, upsert
from apps.institutes.models import Branch, JointInstitute

D = datetime.date

# (code, Chinese, English, kind, province, city, agreement signed, established, focus zh, focus en,
#  branches [(Chinese, English, city code)], illustrative)
INSTITUTES = [
    (
        "prd",
        "深圳清华大学研究院（珠江三角洲）",
        "Research Institute of Tsinghua University in Shenzhen (Pearl River Delta)",
        "regional",
        "440000",
        "440300",
        None,
        D(1996, 12, 1),
        "探索新的发展模式，转化科技成果，孵化高新技术企业，培养高层次专业人才。",
        "Probing new development models, industrializing achievements, incubating high-tech enterprises and training specialists.",
        [],
        True,
    ),
    (
        "yrd",
        "浙江清华长三角研究院",
        "Yangtze Delta Region Institute of Tsinghua University, Zhejiang",
        "regional",
        "330000",
        "330400",
        None,
        D(2003, 12, 1),
        "互补优势、诚信合作、共同发展，服务长三角区域经济。",
        "Complementary advantages, cooperation in good faith and common development for the Yangtze River Delta.",
        [],
        True,
    ),
    (
        "bohai",
        "清华大学环渤海研究院",
        "Tsinghua Bohai Sea Region Research Institute",
        "regional",
        "130000",
        None,
        None,
        D(2002, 1, 1),
        "面向环渤海地区的科技成果转化与人才培养。",
        "Technology transfer and talent training for the Bohai Sea Region.",
        [],
        True,
    ),
    (
        "suzhou-automotive",
        "清华大学苏州汽车研究院",
        "Tsinghua–Suzhou Automotive Research Institute",
        "local_government",
        "320000",
        "320500",
        D(2011, 3, 1),
        D(2011, 7, 1),
        "致力于汽车整车及零部件关键技术研发，推动中国汽车产业可持续发展；学校首个校外产业化研究院。",
        "R&D of key technologies of the whole vehicle and its parts, for the sustainable development of China's automotive industry; the university's first industry-oriented institute off campus.",
        [("吴江分院", "Wujiang Branch", "320509"), ("相城分院", "Xiangcheng Branch", "320507")],
        False,
    ),
    (
        "wuxi-applied",
        "清华大学无锡应用技术研究院",
        "Tsinghua University–Wuxi Applied Technologies Research Institute",
        "local_government",
        "320000",
        "320200",
        None,
        D(2012, 3, 1),
        "结合清华科研与人才优势和地方优势产业，服务无锡和长三角经济社会发展。",
        "Combining the university's research and talent with local competitive industries, for Wuxi and the Yangtze River Delta.",
        [],
        False,
    ),
    (
        "hefei-public-safety",
        "清华大学合肥公共安全研究院",
        "Tsinghua University–Hefei Public Safety Research Institute",
        "local_government",
        "340000",
        "340100",
        None,
        D(2013, 12, 1),
        "建设科技创新平台、公共安全检测中心和公共安全产业园，打造具有国际影响的公共安全技术转移基地。",
        "A science and technology innovation platform, a public safety testing centre and an industrial park: a leading public safety technology transfer base with international influence.",
        [],
        False,
    ),
    (
        "tianjin-high-end-equipment",
        "清华大学天津高端装备研究院",
        "Tsinghua–Tianjin Institute of High-End Equipment",
        "local_government",
        "120000",
        None,
        None,
        D(2014, 9, 1),
        "应对全球“再工业化”技术革命与产业变革，服务国家装备制造业自主创新。",
        "Facing the global 're-industrialization' revolution, serving the independent innovation of the equipment industry.",
        [],
        False,
    ),
]


def load_institutes(loader):
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
    ) in INSTITUTES:
        institutes.append(
            JointInstitute(
                code=code,
                name_zh=zh,
                name_en=en,
                kind=kind,
                province=loader.provinces[province],
                city=loader.cities.get(city),
                partner_id=loader.organization_ids.get(
                    f"{(loader.cities[city] if city else loader.provinces[province]).name_zh}人民政府"
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
                city=loader.cities[city],
                established_on=established,
            )
            for code, *_rest, established, _fz, _fe, branches, _ill in INSTITUTES
            for zh, en, city in branches
        ],
        ["institute", "name_zh"],
    )


INSTITUTES_STEP = DemoStep(60, load_institutes, places=((JointInstitute, "province", "city"),))
