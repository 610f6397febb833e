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

# What each department works on, in the words partners use (matching reads them): its
# disciplines and the technologies it is known for, Chinese and English.
KEYWORDS = {
    "sci-tech-development": (
        "技术合同、横向合作、校地合作、产学研合作、技术开发、技术服务、技术咨询、项目对接、"
        "地方政府合作、科技成果转化",
        "technology contracts, lateral cooperation, cooperation with regions, "
        "industry-university-research cooperation, technology development, technology "
        "services, technology consulting, matchmaking, local government cooperation",
    ),
    "enterprise-cooperation": (
        "企业合作委员会、企业会员、校企合作、战略合作、联合研发中心、联合研究院、企业人才培养、"
        "企业培训、高管培训",
        "enterprise membership, university-enterprise cooperation, strategic partnership, "
        "joint research centre, joint R&D, corporate training, executive education",
    ),
    "international-tech-transfer": (
        "国际技术转移、国际合作、海外技术引进、跨国企业、外资企业、国际专利、技术进出口、"
        "国际联合研发",
        "international technology transfer, international cooperation, technology import, "
        "multinational companies, foreign enterprises, international patents, technology "
        "export, international joint research",
    ),
    "national-tech-transfer": (
        "技术转移、成果转化、专利许可、专利转让、知识产权、技术评估、技术交易、技术入股、"
        "孵化、创业、科技园",
        "technology transfer, commercialisation, patent licensing, patent transfer, "
        "intellectual property, technology valuation, technology trading, equity for "
        "technology, incubation, start-ups, science park",
    ),
    "chemistry": (
        "化学、有机合成、催化、催化剂、高分子、聚合物、分析化学、分析检测、有机发光、OLED、"
        "发光材料、药物化学、药物合成、新药研发、原料药、医药中间体、生物医药、化学生物学、"
        "蛋白质、生物传感、电化学、电解液、精细化工、化工工艺、涂料、染料、农药、绿色化学、"
        "纳米材料、光电材料、质谱、色谱、化学传感器、荧光探针、表面活性剂",
        "chemistry, organic synthesis, catalysis, catalyst, polymer, analytical chemistry, "
        "chemical analysis, OLED, luminescent materials, medicinal chemistry, drug "
        "synthesis, drug discovery, active pharmaceutical ingredients, pharmaceutical "
        "intermediates, biomedicine, chemical biology, protein, biosensing, "
        "electrochemistry, electrolyte, fine chemicals, chemical process, coatings, dyes, "
        "pesticides, green chemistry, nanomaterials, optoelectronic materials, mass "
        "spectrometry, chromatography, chemical sensors, fluorescent probes, surfactants",
    ),
    "automotive": (
        "汽车、整车、新能源汽车、电动汽车、电动车、混合动力、燃料电池汽车、氢燃料电池、动力电池、"
        "电池管理系统、发动机、内燃机、尾气排放、底盘、悬架、转向、制动、自动驾驶、无人驾驶、"
        "智能网联汽车、辅助驾驶、车联网、车身轻量化、碰撞安全、汽车电子、振动噪声、动力总成、"
        "变速器、商用车、交通安全、车辆",
        "automotive, vehicle, new energy vehicles, electric vehicles, hybrid powertrain, "
        "fuel cell vehicles, hydrogen fuel cell, traction battery, battery management "
        "system, engine, internal combustion engine, exhaust emissions, chassis, "
        "suspension, steering, braking, autonomous driving, self-driving, connected "
        "vehicles, driver assistance, vehicle networking, lightweight body, crash safety, "
        "automotive electronics, noise and vibration, powertrain, transmission, commercial "
        "vehicles, traffic safety, car",
    ),
    "thermal": (
        "热能、能源、动力工程、储能、储热、蓄热、压缩空气储能、热管理、锅炉、燃烧、燃煤、清洁燃烧、"
        "烟气脱硫、脱硝、超低排放、燃气轮机、汽轮机、余热回收、余热利用、换热器、传热、"
        "制冷、热泵、供热、供暖、火电、电站、核能、光热发电、太阳能热利用、生物质能、"
        "氢能、碳捕集、二氧化碳捕集、节能、燃料、工业窑炉、盐碱地改良、脱硫石膏、固废资源化",
        "thermal energy, energy, power engineering, energy storage, heat storage, thermal "
        "storage, compressed air energy storage, thermal management, boiler, combustion, "
        "coal-fired, clean combustion, flue gas desulfurization, denitrification, "
        "ultra-low emissions, gas turbine, steam turbine, waste heat recovery, heat "
        "exchanger, heat transfer, refrigeration, heat pump, district heating, power "
        "plant, nuclear energy, concentrated solar power, solar thermal, biomass energy, "
        "hydrogen energy, carbon capture, CO2 capture, energy saving, fuel, industrial "
        "furnace, saline-alkali soil improvement, desulfurization gypsum",
    ),
    "mechanical": (
        "机械、机械设计、机械制造、智能制造、数控机床、机床、精密加工、锻压、锻造、铸造、焊接、"
        "热处理、增材制造、3D打印、机器人、工业机器人、机电一体化、运动控制、液压、传动、齿轮、"
        "轴承、摩擦磨损、润滑、表面工程、重型装备、装备制造、模具、精密测量、检测仪器、"
        "激光加工、微纳制造、故障诊断、设备振动",
        "mechanical engineering, machine design, manufacturing, smart manufacturing, CNC "
        "machine tools, machining, precision machining, forging, forge press, casting, "
        "welding, heat treatment, additive manufacturing, 3D printing, robots, industrial "
        "robots, mechatronics, motion control, hydraulics, transmission, gears, bearings, "
        "tribology, wear, lubrication, surface engineering, heavy equipment, equipment "
        "manufacturing, moulds, precision measurement, instruments, laser processing, "
        "micro manufacturing, fault diagnosis, machine vibration",
    ),
    "environment": (
        "环境、环保、污水处理、废水处理、水处理、饮用水、给排水、水污染、水质、水资源、"
        "黑臭水体、河湖治理、污泥、大气污染、雾霾、PM2.5、VOCs、废气治理、固体废物、固废、"
        "垃圾、垃圾分类、危险废物、土壤修复、土壤污染、重金属、生态修复、环境监测、环境应急、"
        "环境影响评价、膜分离、海水淡化、碳排放、碳中和、农村污水、畜禽粪污、生态、循环经济、"
        "盐碱地、面源污染",
        "environment, environmental protection, sewage treatment, wastewater treatment, "
        "water treatment, drinking water, water supply, drainage, water pollution, water "
        "quality, water resources, black and odorous water, river restoration, sludge, air "
        "pollution, smog, PM2.5, VOCs, waste gas, solid waste, municipal waste, waste "
        "sorting, hazardous waste, soil remediation, soil contamination, heavy metals, "
        "ecological restoration, environmental monitoring, environmental emergency, "
        "environmental impact assessment, membrane separation, desalination, carbon "
        "emissions, carbon neutrality, rural sewage, livestock manure, ecology, circular "
        "economy, saline-alkali land, non-point source pollution",
    ),
    "industrial": (
        "工业工程、生产管理、精益生产、质量管理、供应链、物流、仓储、调度、运筹优化、排产、"
        "生产计划、人因工程、人机工效、设施规划、工厂布局、生产线平衡、运营管理、服务系统、"
        "医疗服务运营、可靠性、危险品物流、库存",
        "industrial engineering, production management, lean production, quality "
        "management, supply chain, logistics, warehousing, scheduling, operations "
        "research, optimisation, production planning, human factors, ergonomics, facility "
        "planning, factory layout, line balancing, operations management, service "
        "systems, healthcare operations, reliability, hazardous goods logistics, inventory",
    ),
    "economics-management": (
        "经济、管理、战略、产业规划、区域发展规划、区域经济、企业管理、市场营销、金融、投融资、"
        "财务、会计、创新创业、技术经济、政策研究、管理咨询、商业模式、人力资源、数字化转型、"
        "电子商务、园区规划、商务区、招商",
        "economics, management, strategy, industrial planning, regional development "
        "planning, regional economy, business management, marketing, finance, investment, "
        "accounting, innovation and entrepreneurship, technology economics, policy "
        "research, management consulting, business model, human resources, digital "
        "transformation, e-commerce, industrial park planning, business district, "
        "investment promotion",
    ),
    "electrical": (
        "电机、电力系统、电网、智能电网、配电网、特高压、输电、变压器、电力电子、变流器、逆变器、"
        "新能源并网、光伏、风电、风力发电、电池储能、储能电站、电能质量、继电保护、高电压、"
        "绝缘、电磁兼容、电机驱动、电机控制、无线充电、充电桩、微电网、综合能源、电气自动化、"
        "自动控制、控制系统、电力",
        "electric machines, motors, power systems, power grid, smart grid, distribution "
        "network, UHV, transmission, transformer, power electronics, converter, inverter, "
        "renewable grid integration, photovoltaic, solar PV, wind power, battery energy "
        "storage, energy storage station, power quality, protection relays, high voltage, "
        "insulation, electromagnetic compatibility, motor drives, motor control, wireless "
        "charging, charging piles, microgrid, integrated energy, electrical automation, "
        "automatic control, control systems, electric power",
    ),
    "electronic": (
        "电子、通信、无线通信、5G、射频、天线、雷达、信号处理、图像处理、集成电路、芯片、半导体、"
        "光电子、光通信、激光、传感器、物联网、卫星导航、遥感、微波、显示器件、电路设计、"
        "嵌入式系统、医学影像、超声成像、声学、语音识别、智能感知",
        "electronics, communications, wireless communication, 5G, radio frequency, antenna, "
        "radar, signal processing, image processing, integrated circuits, chips, "
        "semiconductors, optoelectronics, optical communication, lasers, sensors, "
        "Internet of Things, IoT, satellite navigation, remote sensing, microwave, display "
        "devices, circuit design, embedded systems, medical imaging, ultrasound imaging, "
        "acoustics, speech recognition, intelligent sensing",
    ),
    "computer": (
        "计算机、软件、人工智能、机器学习、深度学习、大模型、大数据、数据挖掘、云计算、网络安全、"
        "信息安全、区块链、计算机视觉、图像识别、视觉检测、自然语言处理、知识图谱、数据库、"
        "高性能计算、分布式系统、智能推荐、智慧城市、数字孪生、算法、信息系统、软件开发、"
        "视频分析、数据平台",
        "computer science, software, artificial intelligence, AI, machine learning, deep "
        "learning, large language models, big data, data mining, cloud computing, "
        "cybersecurity, information security, blockchain, computer vision, image "
        "recognition, visual inspection, natural language processing, knowledge graph, "
        "databases, high-performance computing, distributed systems, recommendation, "
        "smart city, digital twin, algorithms, information systems, software development, "
        "video analytics, data platform",
    ),
    "materials": (
        "材料、新材料、金属材料、合金、钢铁、铝合金、镁合金、钛合金、陶瓷、功能陶瓷、复合材料、"
        "碳纤维、高分子材料、薄膜、涂层、纳米材料、石墨烯、电池材料、正极材料、负极材料、"
        "固态电池、锂离子电池、磁性材料、半导体材料、生物材料、生物医用材料、医用植入物、"
        "腐蚀、防腐、失效分析、粉末冶金、耐高温材料、稀土",
        "materials, new materials, advanced materials, metals, alloys, steel, aluminium "
        "alloys, magnesium alloys, titanium alloys, ceramics, functional ceramics, "
        "composites, carbon fibre, polymer materials, thin films, coatings, nanomaterials, "
        "graphene, battery materials, cathode materials, anode materials, solid-state "
        "batteries, lithium-ion batteries, magnetic materials, semiconductor materials, "
        "biomaterials, biomedical materials, medical implants, corrosion, anti-corrosion, "
        "failure analysis, powder metallurgy, high-temperature materials, rare earths",
    ),
    "civil": (
        "土木工程、结构工程、建筑结构、桥梁、隧道、地下工程、岩土工程、地基基础、边坡、混凝土、"
        "钢结构、装配式建筑、抗震、减隔震、结构健康监测、防灾减灾、道路工程、交通工程、铁路、"
        "高速公路、BIM、施工、城市更新、既有建筑加固、工程管理、水利工程、大坝、防洪、港口",
        "civil engineering, structural engineering, building structures, bridges, tunnels, "
        "underground engineering, geotechnical engineering, foundations, slopes, concrete, "
        "steel structures, prefabricated buildings, seismic design, seismic isolation, "
        "structural health monitoring, disaster prevention, road engineering, traffic "
        "engineering, railways, highways, BIM, construction, urban renewal, retrofitting of "
        "buildings, construction management, hydraulic engineering, dams, flood control, ports",
    ),
}


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
                keywords_zh=KEYWORDS[code][0],
                keywords_en=KEYWORDS[code][1],
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
