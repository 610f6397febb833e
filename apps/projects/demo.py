"""The projects' part of the demo data (``apps.core.demo``): the achievements the seed lists
with the regions they were applied in, and an illustrative demonstration project in every
third cooperating city and in the places of the seed's funds, each by the school its topic is
the work of.

Reads from the loader: the places (regions), ``department_ids`` and ``schools`` (core),
``topics`` (core), ``organization_ids``, ``enterprises_by_city`` and ``enterprise_industry``
(partners). Leaves ``project_ids`` ({code:
pk}), ``project_started`` ({pk: start date}) and ``project_provinces`` ({pk: {province pks}}), ``project_cities`` ({pk: {city pks}}) and
``project_departments`` ({pk: department pk}).
"""

import datetime

from apps.core.demo import DemoStep, replace_links, upsert
from apps.funds.demo import FUNDS
from apps.projects.models import CooperationProject, ProjectSite, ProjectStatus

D = datetime.date

# (code, Chinese title, English title, department, technology zh, technology en, status,
#  started, summary zh, summary en, sites [(province, city or None, partner name or None)])
PROJECTS = [
    (
        "oled-kunshan",
        "有机发光显示（OLED）大规模生产线",
        "Mass production line of organic light-emitting displays (OLED)",
        "chemistry",
        "有机发光显示材料与器件",
        "Organic light-emitting display materials and devices",
        "in_operation",
        D(2008, 10, 1),
        "基于化学系的研究成果，在江苏昆山建成我国第一条OLED大规模生产线。",
        "Based on research of the Department of Chemistry, the first mass production line of OLED displays was launched in Kunshan, Jiangsu.",
        [("320000", "320583", None)],
    ),
    (
        "minicar-changzhou",
        "电动微型车实验基地",
        "Experimental base for the electric minicar",
        "automotive",
        "电动微型车",
        "Electric motor minicar",
        "pilot",
        D(2010, 5, 1),
        "汽车工程系在常州科教城住宅区建立电动微型车实验基地。",
        "The Department of Automotive Engineering set up an experimental base for its electric minicar in the residential area of the science and education town in Changzhou.",
        [("320000", "320400", None)],
    ),
    (
        "alkaline-soil",
        "燃煤烟气脱硫废弃物改良碱化土壤",
        "Improvement of alkaline soil by desulfurized coal-fired waste",
        "thermal",
        "脱硫废弃物改良盐碱土",
        "Saline-alkali soil improvement with desulfurization waste",
        "promoted",
        D(2005, 4, 1),
        "热能工程系利用燃煤脱硫副产物改良盐碱地，已在宁夏、内蒙古、吉林、河北、天津等地推广并商业化运营。",
        "The Department of Thermal Engineering uses the by-products of coal desulfurization to improve saline-alkali soil; widely promoted and in commercial operation in Ningxia, Inner Mongolia, Jilin, Hebei and Tianjin.",
        [
            ("640000", None, None),
            ("150000", None, None),
            ("220000", None, None),
            ("130000", None, None),
            ("120000", None, None),
        ],
    ),
    (
        "heavy-forge-press",
        "重型锻压装备",
        "Heavy forge press",
        "mechanical",
        "重型锻压机",
        "Heavy forging press",
        "in_operation",
        D(2007, 6, 1),
        "机械工程系重型锻压项目应用于内蒙古北方重工集团和陕西阎良航空基地，并在江苏昆山建立重型装备实验室。",
        "The heavy forge press of the Department of Mechanical Engineering is applied at North Heavy Industries Group in Inner Mongolia and the Yanliang aviation base in Shaanxi; its heavy equipment laboratory is in Kunshan, Jiangsu.",
        [
            ("150000", "150200", "北方重工集团有限公司"),
            ("610000", "610114", "西安阎良国家航空高技术产业基地"),
            ("320000", "320583", None),
        ],
    ),
    (
        "pollution-emergency",
        "环境污染事故应急救援系统",
        "Emergency rescue system for environmental pollution accidents",
        "environment",
        "环境应急监测与决策支持",
        "Environmental emergency monitoring and decision support",
        "in_operation",
        D(2009, 3, 1),
        "环境学院研发的环境污染事故应急救援系统已在天津临港工业区安装使用。",
        "An emergency rescue system for environmental pollution accidents, developed by the School of Environment, is installed in the industrial bases next to the harbour in Tianjin.",
        [("120000", "120116", None)],
    ),
    (
        "chemical-logistics",
        "临港工业区化工物流产业发展规划",
        "Development plan for chemical logistics in the harbour industrial bases",
        "industrial",
        "物流系统规划",
        "Logistics system planning",
        "completed",
        D(2010, 2, 1),
        "工业工程系为天津临港工业区设计了化工产品物流产业发展规划。",
        "The Department of Industrial Engineering designed a development plan for the logistics of chemical products in the harbour industrial bases of Tianjin.",
        [("120000", "120116", None)],
    ),
    (
        "binhai-cbd",
        "滨海新区中央商务区功能、规模与发展模式研究",
        "Role, scale and development model of the CBD in Binhai New Area",
        "economics-management",
        "区域规划与产业经济研究",
        "Regional planning and industrial economics",
        "completed",
        D(2008, 6, 1),
        "经济管理学院关于滨海新区中央商务区的研究成果已在天津塘沽应用。",
        "Research by the School of Economics and Management on the CBD of Binhai New Area has been applied in Tanggu, Tianjin.",
        [("120000", "120116", None)],
    ),
]


def demonstration_places(loader):
    """(city code, partner name) of the illustrative demonstration projects: every third
    cooperating city, and two cities in every fund's place (the fund's city, or the first
    two of its province), so that each fund finances projects of its own region."""
    codes = list(loader.city_codes[1::3])
    for _code, _zh, _en, province, city, _established, _size in FUNDS:
        in_place = [city] if city else [c for c in loader.city_codes if c[:2] == province[:2]][:2]
        codes += [code for code in in_place if code not in codes]
    places = [(code, loader.enterprises_by_city[code][1]) for code in codes]
    # A fund's city gets a second project, with another partner.
    places += [
        (city, loader.enterprises_by_city[city][2])
        for _code, _zh, _en, _province, city, _established, _size in FUNDS
        if city
    ]
    return places


def load_projects(loader):
    fund_opened = {
        (city or province): established
        for _code, _zh, _en, province, city, established, _size in FUNDS
    }
    projects = [
        CooperationProject(
            code=code,
            title_zh=zh,
            title_en=en,
            department_id=loader.department_ids[dept],
            technology_zh=tech_zh,
            technology_en=tech_en,
            status=status,
            # The seed dates none of its projects.
            started_on=None,
            summary_zh=summary_zh,
            summary_en=summary_en,
        )
        for code, zh, en, dept, tech_zh, tech_en, status, _started, summary_zh, summary_en, _s in PROJECTS
    ]
    sites = {
        code: [(province, city, partner) for province, city, partner in site_list]
        for code, *_rest, site_list in PROJECTS
    }
    for index, (code, partner) in enumerate(demonstration_places(loader)):
        city = loader.cities[code]
        industry = loader.enterprise_industry[partner]
        fitting = [topic for topic in loader.topics if industry in topic[3]]
        topic_zh, topic_en, school, _industries = fitting[index % len(fitting)]
        project_code = f"demo-{code}" if f"demo-{code}" not in sites else f"demo-{code}-2"
        started = datetime.date(2006 + index % 18, 1 + index % 12, 1)
        opened = fund_opened.get(code) or fund_opened.get(city.province.code)
        if opened and started <= opened:
            # A project in a fund's place starts after the fund, so it can be granted.
            started = opened.replace(year=opened.year + 1 + index % 3)
        projects.append(
            CooperationProject(
                code=project_code,
                title_zh=f"{city.name_zh}{topic_zh}示范项目",
                title_en=f"{topic_en[0].upper()}{topic_en[1:]} demonstration in {city.name_en}",
                department_id=loader.department_ids[school],
                technology_zh=topic_zh,
                technology_en=topic_en,
                status=[
                    ProjectStatus.PILOT,
                    ProjectStatus.IN_OPERATION,
                    ProjectStatus.COMPLETED,
                ][index % 3],
                started_on=min(started, loader.today),
                summary_zh=f"在{city.name_zh}推广应用清华大学{topic_zh}成果（示例数据）。",
                summary_en=f"Applying the university's {topic_en} results in {city.name_en} "
                "(illustrative).",
                is_illustrative=True,
            )
        )
        sites[project_code] = [(city.province.code, code, partner)]
    loader.project_ids = upsert(CooperationProject, projects, ["code"])
    site_rows = []
    for code, site_list in sites.items():
        for province, city, partner in site_list:
            site_rows.append(
                ProjectSite(
                    project_id=loader.project_ids[code],
                    province=loader.provinces[province],
                    city=loader.cities.get(city),
                    organization_id=loader.organization_ids.get(partner),
                )
            )
    upsert(ProjectSite, site_rows, ["project", "province", "city"])
    partners = {pk: [] for pk in loader.project_ids.values()}
    for site in site_rows:
        if site.organization_id:
            partners[site.project_id].append(site.organization_id)
    replace_links(
        CooperationProject.partners.through,
        "cooperationproject_id",
        "organization_id",
        partners,
    )
    loader.project_started = dict(
        CooperationProject.objects.filter(pk__in=loader.project_ids.values()).values_list(
            "pk", "started_on"
        )
    )
    loader.project_departments = dict(
        CooperationProject.objects.filter(pk__in=loader.project_ids.values()).values_list(
            "pk", "department_id"
        )
    )
    loader.project_provinces = {}
    loader.project_cities = {}
    for project_id, province_id, city_id in ProjectSite.objects.filter(
        project_id__in=loader.project_ids.values()
    ).values_list("project_id", "province_id", "city_id"):
        loader.project_provinces.setdefault(project_id, set()).add(province_id)
        loader.project_cities.setdefault(project_id, set()).add(city_id)


PROJECTS_STEP = DemoStep(70, load_projects, places=((ProjectSite, "province", "city"),))
