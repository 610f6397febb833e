"""The challenges' part of the demo data (``apps.core.demo``): technology requests of the kind
the seed describes (a partner's problem, in its own words), published as anonymised
challenges with the partner's consent, answered by fitting departments and spread over the
stages. The demo has no technology requests of its own, so this step writes them; every row
is illustrative (the challenges and proposals are marked so; the requests say so in their
text, as they carry no such flag).

Reads from the loader: ``provinces``, ``cities`` (regions), ``department_ids`` (core) and
the offices and contracts already written. Draws nothing from ``loader.rng``.
"""

import datetime
import hashlib

from apps.agreements.models import Contract
from apps.challenges.choices import ConsentMethod, Stage
from apps.challenges.models import Challenge, Proposal
from apps.core.demo import DemoStep, upsert
from apps.offices.models import CooperationOffice
from apps.requests.choices import CooperationKind, RequesterKind, RequestStatus, Timeline
from apps.requests.models import TechRequest
from apps.requests.tokens import token_hash, tracking_token

D = datetime.date

# What a challenge's stage makes of its request's status.
REQUEST_STATUS = {
    Stage.RECEIVED: RequestStatus.UNDER_REVIEW,
    Stage.SCREENED: RequestStatus.UNDER_REVIEW,
    Stage.INTRODUCED: RequestStatus.MATCHED,
    Stage.NEGOTIATING: RequestStatus.IN_NEGOTIATION,
    Stage.SIGNED: RequestStatus.CONTRACTED,
    Stage.CLOSED: RequestStatus.UNDER_REVIEW,
}

# (code, province, city of the request, city shown (None: the province only), industry,
#  budget, stage, published, deadline, web form?, language, the partner's words (organisation,
#  contact, request title, description), the challenge (title zh, en, problem zh, en),
#  proposals as (department, days after publication, TRL, months, cost range, experts))
CHALLENGES = [
    (
        "battery-housing-lightweight",
        "320000",
        "320500",
        "320500",
        "automotive",
        "1m_5m",
        Stage.NEGOTIATING,
        D(2025, 9, 1),
        D(2025, 11, 30),
        True,
        "zh-hans",
        (
            "苏州示例汽车零部件有限公司",
            "周工",
            "电池包壳体轻量化",
            "我司为新能源整车厂配套电池包壳体，希望在保证碰撞安全的前提下减重15%以上。",
        ),
        (
            "新能源汽车电池包壳体轻量化设计与工艺",
            "Lighter battery housings for new-energy vehicles",
            "一家汽车零部件企业为新能源整车配套电池包壳体，希望在满足碰撞与密封要求的前提下减重15%以上，并可在现有冲压与焊接产线上量产。",
            "An automotive supplier making battery housings for new-energy vehicles wants them at least 15 % lighter while meeting crash and sealing requirements, and made on its existing stamping and welding lines.",
        ),
        [
            ("automotive", 9, 6, 12, "1m_5m", "汽车工程系轻量化团队"),
            ("materials", 16, 5, 18, "1m_5m", ""),
        ],
    ),
    (
        "dyeing-wastewater-reuse",
        "320000",
        "320200",
        "320200",
        "environment",
        "5m_10m",
        Stage.SIGNED,
        D(2025, 3, 10),
        D(2025, 5, 31),
        True,
        "zh-hans",
        (
            "无锡示例印染有限公司",
            "钱经理",
            "印染废水回用",
            "印染废水色度高、盐分高，希望回用率达到60%。",
        ),
        (
            "印染废水深度处理与回用",
            "Deep treatment and reuse of dyeing wastewater",
            "一家印染企业的废水色度高、含盐量高，现有工艺难以稳定达标。希望将处理后水的回用率提高到60%以上，并降低吨水处理成本。",
            "A dyeing plant's wastewater is highly coloured and salty and its present process does not meet the standard reliably. It wants to reuse at least 60 % of the treated water and lower the cost per tonne.",
        ),
        [
            ("environment", 6, 7, 10, "5m_10m", "环境学院水处理团队"),
            ("chemistry", 12, 5, 12, "1m_5m", ""),
        ],
    ),
    (
        "flexible-display-encapsulation",
        "320000",
        "320400",
        "320400",
        "electronics",
        "over_10m",
        Stage.INTRODUCED,
        D(2025, 10, 15),
        D(2026, 1, 15),
        False,
        "en",
        (
            "Changzhou Demo Display Co., Ltd.",
            "Ms Lin",
            "Encapsulation of flexible OLED panels",
            "Our flexible OLED panels lose brightness after humidity tests; we need a thin-film encapsulation process.",
        ),
        (
            "柔性OLED面板薄膜封装工艺",
            "Thin-film encapsulation for flexible OLED panels",
            "一家显示面板企业的柔性OLED面板在湿热试验后亮度衰减明显，希望开发薄膜封装工艺，使水汽透过率达到10⁻⁶ g/m²/天量级。",
            "A display maker's flexible OLED panels lose brightness after damp-heat tests. It seeks a thin-film encapsulation process with a water vapour transmission rate around 10⁻⁶ g/m²/day.",
        ),
        [
            ("chemistry", 4, 7, 9, "over_10m", "化学系有机发光团队"),
            ("electronic", 11, 4, 15, "5m_10m", ""),
        ],
    ),
    (
        "saline-soil-county",
        "640000",
        None,
        None,
        "agriculture",
        "500k_1m",
        Stage.SCREENED,
        D(2026, 2, 20),
        D(2026, 5, 31),
        False,
        "zh-hans",
        (
            "宁夏示例农业发展公司",
            "马站长",
            "盐碱地改良",
            "我县有大片盐碱地，希望三年内把玉米单产提高三成。",
        ),
        (
            "盐碱地改良与玉米增产",
            "Improving saline-alkali land for higher maize yields",
            "西北某县有大片中重度盐碱地，希望在三年内将玉米单产提高三成，并找到成本可控、可大面积推广的改良方案。",
            "A county in the northwest has large areas of moderately to severely saline-alkali land. It wants maize yields a third higher within three years, with an affordable improvement that can be spread widely.",
        ),
        [
            ("thermal", 14, 9, 36, "500k_1m", "热能工程系土壤改良团队"),
        ],
    ),
    (
        "forging-defect-inspection",
        "150000",
        "150200",
        "150200",
        "manufacturing",
        "1m_5m",
        Stage.RECEIVED,
        D(2026, 3, 5),
        D(2026, 12, 31),
        True,
        "en",
        (
            "Baotou Demo Heavy Forging Co.",
            "Mr Zhao",
            "Inspecting large forgings",
            "We want to find internal defects in large forgings before machining.",
        ),
        (
            "大型锻件内部缺陷在线检测",
            "Online detection of internal defects in large forgings",
            "一家重型装备企业希望在机加工之前发现大型锻件的内部缺陷（夹杂、裂纹），减少返工和报废，检测需在产线节拍内完成。",
            "A heavy-equipment maker wants to find internal defects (inclusions, cracks) in large forgings before machining, to cut rework and scrap, within the line's cycle time.",
        ),
        [
            ("mechanical", 21, 6, 12, "1m_5m", ""),
        ],
    ),
    (
        "county-industry-plan",
        "330000",
        "330400",
        "330400",
        "management",
        "under_500k",
        Stage.CLOSED,
        D(2025, 6, 1),
        D(2025, 7, 31),
        False,
        "zh-hans",
        (
            "嘉兴示例县发展和改革局",
            "沈科长",
            "县域产业规划",
            "希望梳理县域主导产业，提出五年发展规划建议。",
        ),
        (
            "县域主导产业诊断与五年规划建议",
            "Diagnosis of a county's leading industries and a five-year plan",
            "长三角某县希望梳理现有主导产业的优势与短板，提出未来五年的产业发展方向与招商重点建议。",
            "A county in the Yangtze River Delta wants its leading industries' strengths and gaps reviewed and advice on its industrial direction and investment priorities for the next five years.",
        ),
        [
            ("industrial", 10, 9, 6, "under_500k", ""),
            ("economics-management", 10, 9, 4, "under_500k", "经济管理学院区域经济团队"),
        ],
    ),
    (
        "campus-fire-early-warning",
        "340000",
        "340100",
        "340100",
        "public_safety",
        "undecided",
        Stage.RECEIVED,
        D(2026, 4, 1),
        D(2026, 9, 30),
        True,
        "zh-hans",
        ("合肥示例城市运营公司", "吴主任", "园区火灾预警", "希望对园区仓库实现火灾早期预警。"),
        (
            "产业园区仓储火灾早期预警",
            "Early fire warning for warehouses in industrial parks",
            "一家园区运营方希望对园区内数十座仓库实现火灾早期预警，能在明火出现前识别阴燃并联动处置。",
            "An industrial park's operator wants early fire warning for dozens of warehouses: smouldering found before open flame, with the response set off automatically.",
        ),
        [],
    ),
]


def _stable_salt(code):
    return hashlib.sha256(f"demo-challenge:{code}".encode()).hexdigest()[:32]


def load_challenges(loader):
    offices = {
        office.city.code: office for office in CooperationOffice.objects.select_related("city")
    }
    requests, challenges, proposals = [], [], []
    for number, row in enumerate(CHALLENGES, 1):
        (
            code,
            province,
            city,
            shown_city,
            industry,
            budget,
            stage,
            published,
            deadline,
            web,
            language,
            partner,
            texts,
            answers,
        ) = row
        organization, contact, title, description = partner
        reference = f"TR-DEMO-{number:03d}"
        salt = _stable_salt(code)
        province_obj = loader.provinces[province]
        city_obj = loader.cities.get(city) if city else None
        department = loader.department_ids[answers[0][0]] if answers else None
        contract = None
        if stage == Stage.SIGNED:
            contract = (
                Contract.objects.filter(province=province_obj)
                .order_by("signed_on", "number")
                .first()
            )
        status = REQUEST_STATUS[stage]
        requests.append(
            TechRequest(
                reference=reference,
                status=status,
                organization_name=organization,
                organization_kind=RequesterKind.GOVERNMENT
                if industry == "management"
                else RequesterKind.PRIVATE,
                contact_name=contact,
                email=f"demo-partner-{number}@example.com",
                phone=f"0510-8000{number:04d}",
                province=province_obj,
                city=city_obj,
                industry=industry,
                title=f"{title}（示例）",
                description=f"{description}（示例数据）",
                cooperation_kind=CooperationKind.DEVELOPMENT,
                budget_range=budget,
                timeline=Timeline.WITHIN_1_YEAR,
                consent_to_contact=True,
                language=language,
                submission_key=f"demo-challenge-{code}",
                tracking_salt=salt,
                tracking_token_hash=token_hash(tracking_token(reference=reference, salt=salt)),
                submitted_from="192.0.2.10" if web else None,
                assigned_department_id=department,
                contract=contract if status == RequestStatus.CONTRACTED else None,
            )
        )
    request_ids = upsert(TechRequest, requests, ["reference"])
    for number, row in enumerate(CHALLENGES, 1):
        (
            code,
            province,
            city,
            shown_city,
            industry,
            budget,
            stage,
            published,
            deadline,
            web,
            language,
            partner,
            texts,
            answers,
        ) = row
        title_zh, title_en, problem_zh, problem_en = texts
        office = offices.get(city) if city else None
        stored = TechRequest.objects.get(pk=request_ids[f"TR-DEMO-{number:03d}"])
        challenges.append(
            Challenge(
                code=code,
                request_id=stored.pk,
                title_zh=title_zh,
                title_en=title_en,
                problem_zh=problem_zh,
                problem_en=problem_en,
                industry=industry,
                province=loader.provinces[province],
                city=loader.cities.get(shown_city) if shown_city else None,
                budget_range=budget,
                deadline=deadline,
                published_on=published,
                stage=stage,
                stage_changed_at=datetime.datetime.combine(
                    published + datetime.timedelta(days=30), datetime.time(9), tzinfo=datetime.UTC
                ),
                consent_on=published - datetime.timedelta(days=7),
                consent_method=(ConsentMethod.WRITTEN, ConsentMethod.EMAIL)[number % 2],
                consent_note=f"示例：同意书存档 DEMO-{number:03d}",
                office=office,
                contract_id=stored.contract_id,
                is_illustrative=True,
            )
        )
    challenge_ids = upsert(Challenge, challenges, ["code"])
    for row in CHALLENGES:
        code, published, answers = row[0], row[7], row[13]
        for department, days, trl, months, cost, experts in answers:
            proposals.append(
                Proposal(
                    challenge_id=challenge_ids[code],
                    department_id=loader.department_ids[department],
                    received_on=published + datetime.timedelta(days=days),
                    approach="示例方案：现场调研后提出技术路线，分阶段验证并中试。",
                    readiness=trl,
                    team="示例团队：教授1名、副教授2名、博士后与研究生若干。",
                    duration_months=months,
                    cost_range=cost,
                    experts=experts,
                    is_illustrative=True,
                )
            )
    _replace_proposals(challenge_ids.values(), proposals)


def _replace_proposals(challenge_ids, proposals):
    """The demo's proposals exactly, one per (challenge, department): rows already right are
    left alone, so a second run writes nothing."""
    wanted = {(p.challenge_id, p.department_id): p for p in proposals}
    existing = {
        (p.challenge_id, p.department_id): p
        for p in Proposal.objects.filter(challenge_id__in=list(challenge_ids), is_illustrative=True)
    }
    stale = [p.pk for key, p in existing.items() if key not in wanted]
    if stale:
        Proposal.objects.filter(pk__in=stale).delete()
    fields = (
        "received_on",
        "approach",
        "readiness",
        "team",
        "duration_months",
        "cost_range",
        "experts",
    )
    for key, proposal in wanted.items():
        current = existing.get(key)
        if current is None:
            proposal.save()
        elif any(getattr(current, name) != getattr(proposal, name) for name in fields):
            for name in fields:
                setattr(current, name, getattr(proposal, name))
            current.save()


def figures(today):
    return [(900, "challenges published (illustrative)", Challenge.objects.count())]


CHALLENGES_STEP = DemoStep(140, load_challenges, figures=figures)
