"""The experts' part of the demo data (``apps.core.demo``): illustrative experts, marked so
(``is_illustrative``, shown as "示例/Illustrative"), two in each school, with research fields
that fit their department. Two in three have recorded consent and are public; the others are
kept for staff only. Each is linked to the demo achievements and projects of their department.

Reads from the loader: ``department_ids`` (core), the places (regions); runs after the achievements' and projects'
steps and reads their rows from the database. Draws nothing from ``loader.rng``: every value
below is fixed, so the steps after it draw as before. The e-mail addresses are on the
reserved ``example.org`` domain.
"""

import datetime

from apps.achievements.models import Achievement
from apps.core.demo import DemoStep, replace_links, upsert
from apps.experts.choices import LANGUAGE_FIELDS
from apps.experts.models import Expert
from apps.projects.models import CooperationProject

CONSENT_RECORDED_ON = datetime.date(2025, 9, 1)

# (code, Chinese name, English name, department, title, fields zh, fields en, industry,
#  languages besides Chinese)
EXPERTS = [
    (
        "wang-zhiyuan",
        "王志远",
        "Wang Zhiyuan",
        "chemistry",
        "professor",
        "有机光电材料、OLED器件",
        "Organic optoelectronic materials, OLED devices",
        "electronics",
        ("en",),
    ),
    (
        "zhou-xiaoqing",
        "周晓晴",
        "Zhou Xiaoqing",
        "chemistry",
        "associate_professor",
        "多相催化、挥发性有机物治理",
        "Heterogeneous catalysis, VOC abatement",
        "environment",
        ("en", "de"),
    ),
    (
        "liu-jianguo",
        "刘建国",
        "Liu Jianguo",
        "automotive",
        "professor",
        "电动汽车动力系统、燃料电池",
        "Electric vehicle powertrains, fuel cells",
        "automotive",
        ("en", "ja"),
    ),
    (
        "qian-yuhang",
        "钱宇航",
        "Qian Yuhang",
        "automotive",
        "assistant_professor",
        "智能网联汽车、域控制器",
        "Connected vehicles, domain controllers",
        "automotive",
        ("en",),
    ),
    (
        "sun-mingde",
        "孙明德",
        "Sun Mingde",
        "thermal",
        "researcher",
        "燃烧与污染控制、低氮燃烧",
        "Combustion and pollution control, low-NOx burners",
        "energy",
        (),
    ),
    (
        "he-lijuan",
        "何丽娟",
        "He Lijuan",
        "thermal",
        "associate_researcher",
        "储热技术、能源系统",
        "Thermal storage, energy systems",
        "energy",
        ("en",),
    ),
    (
        "zheng-haitao",
        "郑海涛",
        "Zheng Haitao",
        "mechanical",
        "professor",
        "重型装备、锻压工艺",
        "Heavy equipment, forging processes",
        "manufacturing",
        ("ru",),
    ),
    (
        "lin-ruoxi",
        "林若溪",
        "Lin Ruoxi",
        "mechanical",
        "associate_professor",
        "增材制造、机器人关键部件",
        "Additive manufacturing, robot components",
        "manufacturing",
        ("en",),
    ),
    (
        "huang-wenbin",
        "黄文斌",
        "Huang Wenbin",
        "environment",
        "professor",
        "水处理、污泥资源化",
        "Water treatment, sludge reuse",
        "environment",
        ("en", "fr"),
    ),
    (
        "xu-yanan",
        "徐雅楠",
        "Xu Yanan",
        "environment",
        "senior_engineer",
        "环境应急监测、流域管理",
        "Environmental emergency monitoring, watershed management",
        "public_safety",
        (),
    ),
    (
        "ma-junjie",
        "马俊杰",
        "Ma Junjie",
        "industrial",
        "associate_professor",
        "生产调度、物流系统规划",
        "Production scheduling, logistics planning",
        "logistics",
        ("en",),
    ),
    (
        "tang-xin",
        "唐欣",
        "Tang Xin",
        "industrial",
        "assistant_professor",
        "冷链物流优化、运筹学",
        "Cold-chain optimisation, operations research",
        "logistics",
        ("en",),
    ),
    (
        "zhao-guoping",
        "赵国平",
        "Zhao Guoping",
        "economics-management",
        "professor",
        "区域经济、产业规划",
        "Regional economics, industrial planning",
        "management",
        ("en",),
    ),
    (
        "yang-shuhui",
        "杨淑慧",
        "Yang Shuhui",
        "economics-management",
        "associate_professor",
        "技术经济、科技成果评估",
        "Technology economics, valuation of research results",
        "management",
        ("en", "ja"),
    ),
    (
        "chen-yifan",
        "陈一帆",
        "Chen Yifan",
        "electrical",
        "professor",
        "电力系统、新能源并网",
        "Power systems, grid integration of renewables",
        "energy",
        ("en",),
    ),
    (
        "feng-jiayi",
        "冯佳怡",
        "Feng Jiayi",
        "electrical",
        "engineer",
        "电力电子、储能变流",
        "Power electronics, storage converters",
        "energy",
        (),
    ),
    (
        "deng-hao",
        "邓浩",
        "Deng Hao",
        "electronic",
        "professor",
        "雷达成像、微波系统",
        "Radar imaging, microwave systems",
        "electronics",
        ("en",),
    ),
    (
        "xie-mengyao",
        "谢梦瑶",
        "Xie Mengyao",
        "electronic",
        "associate_researcher",
        "卫星通信、物联网终端",
        "Satellite communication, IoT terminals",
        "information",
        ("en",),
    ),
    (
        "guo-zhenyu",
        "郭振宇",
        "Guo Zhenyu",
        "computer",
        "professor",
        "知识图谱、工业软件",
        "Knowledge graphs, industrial software",
        "information",
        ("en",),
    ),
    (
        "luo-shiqi",
        "罗诗琪",
        "Luo Shiqi",
        "computer",
        "assistant_professor",
        "机器视觉、隐私计算",
        "Machine vision, privacy computing",
        "information",
        ("en", "fr"),
    ),
    (
        "song-dawei",
        "宋大伟",
        "Song Dawei",
        "materials",
        "professor",
        "光伏材料、钙钛矿电池",
        "Photovoltaic materials, perovskite cells",
        "materials",
        ("en", "de"),
    ),
    (
        "han-xue",
        "韩雪",
        "Han Xue",
        "materials",
        "associate_professor",
        "固态电池、储能材料",
        "Solid-state batteries, energy storage materials",
        "energy",
        ("en", "ja"),
    ),
    (
        "cao-lei",
        "曹磊",
        "Cao Lei",
        "civil",
        "researcher",
        "桥梁结构健康监测",
        "Structural health monitoring of bridges",
        "construction",
        (),
    ),
    (
        "pan-jingwen",
        "潘静雯",
        "Pan Jingwen",
        "civil",
        "associate_professor",
        "海绵城市、城市水系统",
        "Sponge cities, urban water systems",
        "construction",
        ("en",),
    ),
]

# Experts working at the joint institutes in the regions (the seed's Suzhou automotive
# institute, the Wuxi and Tianjin institutes): their profiles lie in those cities.
BASED_IN = {"qian-yuhang": "320500", "guo-zhenyu": "320200", "xu-yanan": "120000"}

# How many of a department's demo achievements and projects each expert is linked to.
LINKS_PER_EXPERT = 2


def _profiles(zh, en, fields_zh, fields_en):
    return (
        f"{zh}（示例数据），长期从事{fields_zh}方向的研究，与地方政府和企业开展技术开发与咨询合作。",
        f"{en} (illustrative) works on {fields_en.lower()} and has developed and advised on "
        "technology with local governments and enterprises.",
    )


def load_experts(loader):
    rows = []
    for index, (code, zh, en, dept, title, f_zh, f_en, industry, languages) in enumerate(EXPERTS):
        consent = index % 3 != 2
        place = BASED_IN.get(code)
        city = loader.cities.get(place) if place else None
        province = city.province if city else (loader.provinces.get(place) if place else None)
        profile_zh, profile_en = _profiles(zh, en, f_zh, f_en)
        rows.append(
            Expert(
                code=f"demo-{code}",
                name_zh=zh,
                name_en=en,
                department_id=loader.department_ids[dept],
                title=title,
                fields_zh=f_zh,
                fields_en=f_en,
                industry=industry,
                profile_zh=profile_zh,
                profile_en=profile_en,
                **{
                    field: lang == "zh" or lang in languages
                    for lang, field in LANGUAGE_FIELDS.items()
                },
                email=f"{code}@experts.example.org",
                province=province,
                city=city,
                consent_given=consent,
                consent_on=CONSENT_RECORDED_ON if consent else None,
                is_illustrative=True,
            )
        )
    ids = upsert(Expert, rows, ["code"])
    achievements = _by_department(Achievement.objects.filter(code__startswith="demo-"))
    projects = _by_department(CooperationProject.objects.all())
    achievement_links, project_links = {}, {}
    taken = {}
    for code, *_names, dept, _title, _fz, _fe, _industry, _languages in EXPERTS:
        department_id = loader.department_ids[dept]
        turn = taken.get(dept, 0)
        taken[dept] = turn + 1
        expert_id = ids[f"demo-{code}"]
        achievement_links[expert_id] = _share(achievements.get(department_id, []), turn)
        project_links[expert_id] = _share(projects.get(department_id, []), turn)
    replace_links(Expert.achievements.through, "expert_id", "achievement_id", achievement_links)
    replace_links(Expert.projects.through, "expert_id", "cooperationproject_id", project_links)


def _by_department(queryset):
    grouped = {}
    for pk, department_id in queryset.order_by("code").values_list("pk", "department_id"):
        grouped.setdefault(department_id, []).append(pk)
    return grouped


def _share(pks, turn):
    """The ``turn``-th expert's share of a department's records: their own pair, the first
    ones again where the department has fewer."""
    if not pks:
        return []
    start = (turn * LINKS_PER_EXPERT) % len(pks)
    return sorted({pks[(start + step) % len(pks)] for step in range(LINKS_PER_EXPERT)})


EXPERTS_STEP = DemoStep(135, load_experts)
