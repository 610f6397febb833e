"""Core's part of the demo data (``apps.core.demo``): the department and its units, the schools
the seed names, and the history milestones.

Leaves on the loader: ``department_ids`` ({code: pk}) and ``schools`` (the schools' pks, which
the other steps draw departments from).
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


DEPARTMENTS_AND_MILESTONES = DemoStep(20, load_departments_and_milestones)
