"""The achievements' part of the demo data (``apps.core.demo``): the seed's achievements (the
OLED line, saline-alkali soil improvement, the heavy forge press, the electric minicar, the
pollution emergency system, the chemical logistics plan and the Binhai CBD study) and
illustrative ones, marked so, spread over the departments, with illustrative patents.

Reads from the loader: the places (regions) and ``department_ids`` (core). Draws nothing from
``loader.rng``: every value below is fixed, so the steps after it draw as before.
"""

import datetime

from apps.achievements.models import Achievement, Patent, PatentStatus
from apps.core.demo import DemoStep, upsert

D = datetime.date
ALL_MODES = ("transfer", "licence", "equity", "codevelopment")

# (code, Chinese, English, department, industry, TRL, modes, province, city, listed,
#  summary zh, summary en, field zh, field en)
SEED = [
    (
        "oled-display",
        "有机发光显示（OLED）材料与器件技术",
        "Organic light-emitting display (OLED) materials and devices",
        "chemistry",
        "electronics",
        9,
        ("licence", "codevelopment"),
        "320000",
        "320583",
        D(2015, 3, 1),
        "化学系研发的有机发光显示材料与器件技术，已在江苏昆山建成我国第一条OLED大规模生产线。",
        "OLED materials and devices from the Department of Chemistry; the first mass production line of OLED displays in China was launched on it in Kunshan, Jiangsu.",
        "有机发光材料、显示器件",
        "Organic light-emitting materials, display devices",
    ),
    (
        "electric-minicar",
        "电动微型车整车技术",
        "Electric motor minicar",
        "automotive",
        "automotive",
        7,
        ("codevelopment", "licence"),
        "320000",
        "320400",
        D(2015, 5, 1),
        "汽车工程系研制的电动微型车，已在常州科教城住宅区建立实验基地开展示范运行。",
        "An electric minicar of the Department of Automotive Engineering, run in trials at an experimental base in the science and education town of Changzhou.",
        "电动汽车、整车集成",
        "Electric vehicles, vehicle integration",
    ),
    (
        "saline-alkali-soil",
        "燃煤烟气脱硫废弃物改良盐碱土壤技术",
        "Improvement of saline-alkali soil with coal desulfurization waste",
        "thermal",
        "agriculture",
        9,
        ("licence", "transfer", "codevelopment"),
        "640000",
        None,
        D(2015, 4, 1),
        "热能工程系利用燃煤烟气脱硫副产物改良盐碱地，已在宁夏、内蒙古、吉林、河北、天津等地推广并商业化运营。",
        "The Department of Thermal Engineering improves saline-alkali soil with the by-products of flue gas desulfurization; promoted and in commercial operation in Ningxia, Inner Mongolia, Jilin, Hebei and Tianjin.",
        "土壤改良、固废资源化",
        "Soil improvement, reuse of solid waste",
    ),
    (
        "heavy-forge-press",
        "重型锻压装备技术",
        "Heavy forge press",
        "mechanical",
        "manufacturing",
        9,
        ("codevelopment", "licence"),
        "150000",
        "150200",
        D(2015, 6, 1),
        "机械工程系重型锻压装备，已应用于内蒙古北方重工集团和陕西阎良航空基地，并在江苏昆山建有重型装备实验室。",
        "The heavy forge press of the Department of Mechanical Engineering, applied at North Heavy Industries Group in Inner Mongolia and the Yanliang aviation base in Shaanxi, with a heavy equipment laboratory in Kunshan, Jiangsu.",
        "重型装备、锻压工艺",
        "Heavy equipment, forging",
    ),
    (
        "pollution-emergency-system",
        "环境污染事故应急救援系统",
        "Emergency rescue system for environmental pollution accidents",
        "environment",
        "public_safety",
        8,
        ("licence", "codevelopment"),
        "120000",
        "120116",
        D(2015, 9, 1),
        "环境学院研发的环境污染事故应急监测与决策支持系统，已在天津临港工业区安装使用。",
        "Emergency monitoring and decision support for environmental pollution accidents from the School of Environment, installed in the harbour industrial bases of Tianjin.",
        "环境应急监测、决策支持",
        "Environmental emergency monitoring, decision support",
    ),
    (
        "chemical-logistics-planning",
        "化工园区物流系统规划方法",
        "Logistics system planning for chemical industry parks",
        "industrial",
        "logistics",
        9,
        ("codevelopment",),
        "120000",
        "120116",
        D(2016, 2, 1),
        "工业工程系的物流系统规划方法，已用于天津临港工业区化工产品物流产业发展规划。",
        "The Department of Industrial Engineering's logistics planning method, used for the chemical logistics development plan of the harbour industrial bases of Tianjin.",
        "物流系统规划",
        "Logistics system planning",
    ),
    (
        "cbd-development-model",
        "中央商务区功能、规模与发展模式研究方法",
        "Role, scale and development model of a central business district",
        "economics-management",
        "management",
        9,
        ("codevelopment",),
        "120000",
        "120116",
        D(2016, 3, 1),
        "经济管理学院关于中央商务区功能、规模与发展模式的研究成果，已在天津滨海新区塘沽应用。",
        "Research of the School of Economics and Management on the role, scale and development model of a CBD, applied in Tanggu, Binhai New Area, Tianjin.",
        "区域规划、产业经济",
        "Regional planning, industrial economics",
    ),
]

# Illustrative achievements: (code, Chinese, English, department, industry, TRL, field zh, field en)
ILLUSTRATIVE = [
    (
        "perovskite-cells",
        "钙钛矿薄膜太阳能电池",
        "Perovskite thin-film solar cells",
        "materials",
        "energy",
        5,
        "光伏材料",
        "Photovoltaic materials",
    ),
    (
        "solid-state-battery",
        "固态锂电池电解质",
        "Solid electrolyte for lithium batteries",
        "materials",
        "energy",
        4,
        "储能材料",
        "Energy storage materials",
    ),
    (
        "thermal-storage",
        "熔盐储热系统",
        "Molten-salt thermal energy storage",
        "thermal",
        "energy",
        6,
        "储能、热能利用",
        "Energy storage, heat utilisation",
    ),
    (
        "low-nox-burner",
        "低氮燃烧器",
        "Low-NOx burner",
        "thermal",
        "environment",
        8,
        "清洁燃烧",
        "Clean combustion",
    ),
    (
        "power-grid-dispatch",
        "新能源电网调度优化软件",
        "Dispatch optimisation for grids with renewables",
        "electrical",
        "energy",
        7,
        "电力系统",
        "Power systems",
    ),
    (
        "dc-microgrid",
        "直流微电网控制器",
        "DC microgrid controller",
        "electrical",
        "energy",
        6,
        "微电网",
        "Microgrids",
    ),
    (
        "mmwave-radar",
        "毫米波成像雷达",
        "Millimetre-wave imaging radar",
        "electronic",
        "electronics",
        5,
        "雷达、成像",
        "Radar, imaging",
    ),
    (
        "satellite-iot",
        "低轨卫星物联网终端",
        "Low-orbit satellite IoT terminal",
        "electronic",
        "information",
        4,
        "卫星通信",
        "Satellite communication",
    ),
    (
        "industrial-kg",
        "工业知识图谱平台",
        "Industrial knowledge graph platform",
        "computer",
        "information",
        7,
        "知识图谱",
        "Knowledge graphs",
    ),
    (
        "edge-vision",
        "边缘视觉质检系统",
        "Edge vision system for quality inspection",
        "computer",
        "manufacturing",
        8,
        "机器视觉",
        "Machine vision",
    ),
    (
        "privacy-computing",
        "隐私计算数据协作平台",
        "Privacy-preserving data collaboration platform",
        "computer",
        "information",
        6,
        "隐私计算",
        "Privacy computing",
    ),
    (
        "bridge-monitoring",
        "桥梁结构健康监测系统",
        "Structural health monitoring of bridges",
        "civil",
        "construction",
        8,
        "结构监测",
        "Structural monitoring",
    ),
    (
        "low-carbon-concrete",
        "低碳高性能混凝土",
        "Low-carbon high-performance concrete",
        "civil",
        "construction",
        6,
        "建筑材料",
        "Building materials",
    ),
    (
        "sponge-city",
        "海绵城市雨水管理模型",
        "Stormwater model for sponge cities",
        "civil",
        "construction",
        7,
        "城市水系统",
        "Urban water systems",
    ),
    (
        "vehicle-domain-controller",
        "智能汽车域控制器",
        "Domain controller for intelligent vehicles",
        "automotive",
        "automotive",
        6,
        "智能网联汽车",
        "Connected vehicles",
    ),
    (
        "hydrogen-fuel-cell",
        "车用氢燃料电池系统",
        "Hydrogen fuel cell system for vehicles",
        "automotive",
        "automotive",
        7,
        "燃料电池",
        "Fuel cells",
    ),
    (
        "precision-reducer",
        "机器人精密减速器",
        "Precision reducer for robots",
        "mechanical",
        "manufacturing",
        6,
        "机器人关键部件",
        "Robot components",
    ),
    (
        "additive-repair",
        "大型构件增材修复技术",
        "Additive repair of large components",
        "mechanical",
        "manufacturing",
        5,
        "增材制造",
        "Additive manufacturing",
    ),
    (
        "catalyst-vocs",
        "挥发性有机物催化净化",
        "Catalytic removal of volatile organic compounds",
        "chemistry",
        "environment",
        7,
        "催化、废气治理",
        "Catalysis, exhaust treatment",
    ),
    (
        "biodegradable-plastics",
        "生物可降解塑料合成工艺",
        "Synthesis of biodegradable plastics",
        "chemistry",
        "materials",
        5,
        "高分子材料",
        "Polymers",
    ),
    (
        "sludge-treatment",
        "污泥低碳处理与资源化",
        "Low-carbon sludge treatment and reuse",
        "environment",
        "environment",
        8,
        "水处理",
        "Water treatment",
    ),
    (
        "watershed-model",
        "流域水环境管理模型",
        "Watershed water quality management model",
        "environment",
        "environment",
        7,
        "流域管理",
        "Watershed management",
    ),
    (
        "scheduling-optimizer",
        "柔性车间排产优化系统",
        "Scheduling optimiser for flexible workshops",
        "industrial",
        "manufacturing",
        8,
        "生产调度",
        "Production scheduling",
    ),
    (
        "cold-chain-routing",
        "冷链配送路径优化",
        "Route optimisation for cold-chain delivery",
        "industrial",
        "logistics",
        7,
        "物流优化",
        "Logistics optimisation",
    ),
    (
        "county-industry-diagnosis",
        "县域产业发展诊断方法",
        "Diagnosis of county industrial development",
        "economics-management",
        "management",
        9,
        "区域经济",
        "Regional economics",
    ),
    (
        "tech-valuation",
        "科技成果价值评估模型",
        "Valuation model for research results",
        "economics-management",
        "management",
        6,
        "技术经济",
        "Technology economics",
    ),
]

PATENT_STATUSES = (PatentStatus.GRANTED, PatentStatus.FILED, PatentStatus.LAPSED)


def _modes(index):
    """One to three modes, varied by position."""
    first = ALL_MODES[index % 4]
    second = ALL_MODES[(index + 1) % 4]
    return (first,) if index % 3 == 0 else (first, second)


def load_achievements(loader):
    rows = []
    for (
        code,
        zh,
        en,
        dept,
        industry,
        trl,
        modes,
        province,
        city,
        listed,
        s_zh,
        s_en,
        f_zh,
        f_en,
    ) in SEED:
        rows.append(
            Achievement(
                code=code,
                title_zh=zh,
                title_en=en,
                summary_zh=s_zh,
                summary_en=s_en,
                industry=industry,
                field_zh=f_zh,
                field_en=f_en,
                department_id=loader.department_ids[dept],
                maturity=trl,
                **{f"offers_{mode}": mode in modes for mode in ALL_MODES},
                terms_negotiable=True,
                province=loader.provinces[province],
                city=loader.cities.get(city),
                listed_on=listed,
            )
        )
    cities = loader.city_codes
    for index, (code, zh, en, dept, industry, trl, f_zh, f_en) in enumerate(ILLUSTRATIVE):
        applied = trl >= 6
        city = loader.cities[cities[(index * 7) % len(cities)]] if applied else None
        modes = _modes(index)
        stated = index % 4 == 1
        rows.append(
            Achievement(
                code=f"demo-{code}",
                title_zh=zh,
                title_en=en,
                summary_zh=f"{zh}（示例数据）：面向{f_zh}领域的技术成果，可提供技术资料与中试支持。",
                summary_en=f"{en} (illustrative): a result in {f_en.lower()}, with technical documents and pilot support.",
                industry=industry,
                field_zh=f_zh,
                field_en=f_en,
                department_id=loader.department_ids[dept],
                experts_zh="示例专家",
                experts_en="Illustrative expert",
                maturity=trl,
                **{f"offers_{mode}": mode in modes for mode in ALL_MODES},
                terms_negotiable=not stated,
                terms_zh="普通许可，入门费20万元，另按销售额3%提成（示例）。" if stated else "",
                terms_en="Non-exclusive licence: CNY 200,000 up front and a 3 % royalty on sales (illustrative)."
                if stated
                else "",
                province=city.province if city else None,
                city=city,
                listed_on=D(2018 + index % 7, 1 + index % 12, 1),
                is_illustrative=True,
            )
        )
    ids = upsert(Achievement, rows, ["code"])
    patents = []
    for index, (code, *_rest) in enumerate(ILLUSTRATIVE):
        for number in range(1 + index % 3):
            filed = D(2014 + index % 8, 1 + (index + number) % 12, 10)
            status = PATENT_STATUSES[(index + number) % 3]
            granted = D(filed.year + 2, filed.month, 20) if status != PatentStatus.FILED else None
            patents.append(
                Patent(
                    achievement_id=ids[f"demo-{code}"],
                    number=f"CN{filed.year}1{index:04d}{number:03d}.X",
                    status=status,
                    filed_on=filed,
                    granted_on=granted,
                )
            )
    upsert(Patent, patents, ["achievement", "number"])


ACHIEVEMENTS_STEP = DemoStep(130, load_achievements)
