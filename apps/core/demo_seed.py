"""Core's part of the demo data (``apps.core.demo``): the department and its units, the schools
the seed names, and the history milestones.

Leaves on the loader: ``department_ids`` ({code: pk}), ``schools`` (the schools' pks),
``topics`` (``TOPICS``: what the illustrative contracts and projects are about, each with the
school that does such work and the industries that ask for it) and ``investigators`` ({school
pk: [names]}: each school's own illustrative principal investigators, made-up names).
"""

import datetime

from apps.core.demo import DemoStep, upsert
from apps.core.models import Department, DepartmentKind, Milestone

D = datetime.date

# (code, Chinese, English, kind, established, illustrative)
DEPARTMENTS = [
    (
        "sci-tech-development",
        "科技开发部",
        "Science and Technology Development Department",
        "development_unit",
        D(1984, 11, 1),
        False,
    ),
    (
        "enterprise-cooperation",
        "企业合作委员会",
        "Commission for Cooperation with Enterprises",
        "development_unit",
        D(1997, 1, 1),
        False,
    ),
    (
        "international-tech-transfer",
        "国际技术转移中心",
        "International Technology Transfer Center",
        "development_unit",
        D(2001, 6, 1),
        False,
    ),
    (
        "national-tech-transfer",
        "国家技术转移中心",
        "National Technology Transfer Center",
        "development_unit",
        D(2001, 9, 1),
        False,
    ),
    ("chemistry", "化学系", "Department of Chemistry", "school", None, False),
    ("automotive", "汽车工程系", "Department of Automotive Engineering", "school", None, False),
    ("thermal", "热能工程系", "Department of Thermal Engineering", "school", None, False),
    ("mechanical", "机械工程系", "Department of Mechanical Engineering", "school", None, False),
    ("environment", "环境学院", "School of Environment", "school", None, False),
    ("industrial", "工业工程系", "Department of Industrial Engineering", "school", None, False),
    (
        "economics-management",
        "经济管理学院",
        "School of Economics and Management",
        "school",
        None,
        False,
    ),
    (
        "electrical",
        "电机工程与应用电子技术系",
        "Department of Electrical Engineering",
        "school",
        None,
        True,
    ),
    ("electronic", "电子工程系", "Department of Electronic Engineering", "school", None, True),
    (
        "computer",
        "计算机科学与技术系",
        "Department of Computer Science and Technology",
        "school",
        None,
        True,
    ),
    ("materials", "材料学院", "School of Materials Science and Engineering", "school", None, True),
    ("civil", "土木工程系", "Department of Civil Engineering", "school", None, True),
]


# What the illustrative contracts and projects are about: (Chinese, English, school code,
# industries of the partners that commission it). A contract's school is its topic's school.
TOPICS = [
    (
        "数控机床精度提升",
        "precision improvement of CNC machine tools",
        "mechanical",
        ("manufacturing",),
    ),
    (
        "工业机器人关键部件研发",
        "key components of industrial robots",
        "mechanical",
        ("manufacturing", "automotive"),
    ),
    ("液压成形装备改进", "hydraulic forming equipment", "mechanical", ("manufacturing",)),
    (
        "生产线排产优化",
        "production line scheduling",
        "industrial",
        ("manufacturing", "automotive", "electronics"),
    ),
    (
        "仓储物流系统规划",
        "warehouse logistics planning",
        "industrial",
        ("chemicals", "biomedicine", "manufacturing"),
    ),
    ("高性能合金材料研制", "high-performance alloys", "materials", ("materials", "manufacturing")),
    ("复合材料成型工艺", "composite moulding", "materials", ("materials", "automotive")),
    (
        "锂电池正极材料研发",
        "cathode materials for lithium batteries",
        "materials",
        ("materials", "energy"),
    ),
    (
        "工业废水处理工艺",
        "industrial wastewater treatment",
        "environment",
        ("environment", "chemicals", "biomedicine"),
    ),
    (
        "大气污染物减排方案",
        "air pollutant reduction",
        "environment",
        ("environment", "energy", "chemicals"),
    ),
    ("固体废物资源化利用", "reuse of solid waste", "environment", ("environment", "materials")),
    ("嵌入式芯片设计", "embedded chip design", "electronic", ("electronics",)),
    ("工业传感器研制", "industrial sensors", "electronic", ("electronics", "manufacturing")),
    ("无线通信模块开发", "wireless communication modules", "electronic", ("electronics",)),
    ("工业软件开发", "industrial software", "computer", ("electronics", "manufacturing")),
    (
        "大数据分析平台建设",
        "big-data analytics platform",
        "computer",
        ("electronics", "energy", "biomedicine"),
    ),
    ("电动汽车动力系统开发", "electric vehicle powertrain", "automotive", ("automotive",)),
    (
        "汽车轻量化车身设计",
        "lightweight car body design",
        "automotive",
        ("automotive", "materials"),
    ),
    ("锅炉燃烧优化", "boiler combustion optimisation", "thermal", ("energy", "chemicals")),
    (
        "工业余热回收利用",
        "industrial waste-heat recovery",
        "thermal",
        ("energy", "chemicals", "materials"),
    ),
    ("智能电网调度系统", "smart grid dispatch", "electrical", ("energy",)),
    (
        "电机变频驱动控制",
        "variable-frequency motor drives",
        "electrical",
        ("manufacturing", "automotive", "energy"),
    ),
    ("精细化工催化剂开发", "catalysts for fine chemicals", "chemistry", ("chemicals",)),
    ("药物合成工艺优化", "drug synthesis process optimisation", "chemistry", ("biomedicine",)),
    ("药品质量化学分析方法", "chemical analysis of drug quality", "chemistry", ("biomedicine",)),
    (
        "企业发展战略咨询",
        "corporate development strategy",
        "economics-management",
        (
            "manufacturing",
            "materials",
            "environment",
            "electronics",
            "automotive",
            "energy",
            "chemicals",
            "biomedicine",
        ),
    ),
    (
        "厂房结构安全评估",
        "structural safety of industrial buildings",
        "civil",
        ("manufacturing", "chemicals", "energy"),
    ),
]

# Made-up names of principal investigators: common surnames, and given-name characters.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志文斌宇浩凯鹏晨阳辉峰博然瑞婷雪琳"
    "翔宁海波立新红云飞东亮鑫俊彬力远思诚晓慧欣怡振宏岩松楠智航铭哲清源宏达嘉蕾"
)
INVESTIGATORS_PER_SCHOOL = 24


# (date, precision, Chinese, English, department code)
MILESTONES = [
    (
        D(1980, 1, 1),
        "year",
        "与省市合作起步：天津、武汉、常州、丹东等地领导邀请学校领导访问",
        "Cooperation with provinces and cities begins: leaders of Tianjin, Wuhan, Changzhou and Dandong invite the university's leaders to visit",
        None,
    ),
    (
        D(1983, 7, 1),
        "month",
        "科学技术开发部服务部成立",
        "The service department of the S&T development department is established",
        "sci-tech-development",
    ),
    (
        D(1984, 11, 1),
        "month",
        "更名为科技开发部，开始承接技术开发与攻关委托，横向合作合同统一归口管理",
        "Renamed the S&T Development Department; it accepts commissions of technology development and key problems, and administers all lateral cooperation contracts",
        "sci-tech-development",
    ),
    (
        D(1997, 1, 1),
        "year",
        "成立企业合作委员会，实行会员制和动态管理",
        "The Commission for Cooperation with Enterprises is founded, with a membership system under dynamic management",
        "enterprise-cooperation",
    ),
    (
        D(2001, 6, 1),
        "month",
        "国际技术转移中心成立",
        "The International Technology Transfer Center is founded",
        "international-tech-transfer",
    ),
    (
        D(2001, 9, 1),
        "month",
        "国家经贸委、教育部认定为国家技术转移中心",
        "The State Economic and Trade Commission and the Ministry of Education recognise the National Technology Transfer Center",
        "national-tech-transfer",
    ),
    (
        D(2001, 11, 1),
        "month",
        "国家技术转移中心成立仪式举行",
        "Founding ceremony of the National Technology Transfer Center",
        "national-tech-transfer",
    ),
    (
        D(2011, 3, 1),
        "month",
        "与苏州市政府签约共建清华大学苏州汽车研究院",
        "Agreement with the Suzhou government to found the Tsinghua–Suzhou Automotive Research Institute",
        None,
    ),
    (
        D(2011, 7, 1),
        "month",
        "苏州汽车研究院正式注册，设吴江、相城分院",
        "The Suzhou Automotive Research Institute is registered, with branches in Wujiang and Xiangcheng",
        None,
    ),
    (
        D(2012, 3, 1),
        "month",
        "清华大学无锡应用技术研究院成立",
        "The Tsinghua University–Wuxi Applied Technologies Research Institute is founded",
        None,
    ),
    (
        D(2013, 12, 1),
        "month",
        "清华大学合肥公共安全研究院成立",
        "The Tsinghua University–Hefei Public Safety Research Institute is founded",
        None,
    ),
    (
        D(2014, 9, 1),
        "month",
        "清华大学天津高端装备研究院成立",
        "The Tsinghua–Tianjin Institute of High-End Equipment is founded",
        None,
    ),
    (
        D(2015, 12, 31),
        "day",
        "与20多个省区市、80多个地级市建立合作关系，设立6个合作基金",
        "Cooperation with more than 20 provincial-level units and over 80 prefecture-level cities; six cooperation funds",
        None,
    ),
]


def load_departments_and_milestones(loader):
    loader.department_ids = upsert(
        Department,
        [
            Department(
                code=code,
                name_zh=zh,
                name_en=en,
                kind=kind,
                established_on=established,
                is_illustrative=illustrative,
            )
            for code, zh, en, kind, established, illustrative in DEPARTMENTS
        ],
        ["code"],
    )
    loader.schools = [
        loader.department_ids[code]
        for code, _zh, _en, kind, _est, _ill in DEPARTMENTS
        if kind == DepartmentKind.SCHOOL
    ]
    loader.topics = TOPICS
    loader.investigators = investigators(loader)
    upsert(
        Milestone,
        [
            Milestone(
                happened_on=date,
                precision=precision,
                title_zh=zh,
                title_en=en,
                department_id=loader.department_ids.get(dept),
            )
            for date, precision, zh, en, dept in MILESTONES
        ],
        ["happened_on", "title_zh"],
    )


def investigators(loader):
    """Each school's principal investigators: distinct made-up names, one to three given
    characters' worth of variety, none in two schools."""
    rng = loader.rng
    taken = set()
    by_school = {}
    for pk in loader.schools:
        names = []
        while len(names) < INVESTIGATORS_PER_SCHOOL:
            given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            name = rng.choice(SURNAMES) + given
            if name not in taken:
                taken.add(name)
                names.append(name)
        by_school[pk] = names
    return by_school


DEPARTMENTS_AND_MILESTONES = DemoStep(20, load_departments_and_milestones)
