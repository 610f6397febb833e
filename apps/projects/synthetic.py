"""The projects' part of the synthetic data set (``apps.core.synthetic``): projects with one to
three sites and up to two partners each (COPY).

Reads the places (regions), ``synth.departments`` (core), ``synth.organizations`` (partners).
Leaves ``synth.projects`` (their pks, by code).
"""

import datetime

from apps.core.synthetic import FIRST_YEAR, PREFIX, TOPICS, SyntheticStep, table
from apps.projects.models import CooperationProject, ProjectSite, ProjectStatus

PROJECT_WORK = [
    ("产业化示范", "Industrial demonstration of"),
    ("推广应用", "Wide application of"),
    ("中试基地建设", "Pilot base for"),
    ("示范工程", "Demonstration project of"),
]


def write_projects(synth, count):
    departments, organizations = synth.departments, synth.organizations
    rows = []
    for n in range(count):
        topic_zh, topic_en = synth.random.choice(TOPICS)
        work_zh, work_en = synth.random.choice(PROJECT_WORK)
        started = synth.date_between(datetime.date(FIRST_YEAR, 1, 1), synth.today)
        rows.append(
            (
                f"{PREFIX.lower()}-p-{n:06d}",
                f"{topic_zh}技术{work_zh}（{n}）",
                f"{work_en} {topic_en} technology ({n})",
                synth.random.choice(departments).pk,
                f"{topic_zh}技术",
                f"{topic_en} technology",
                f"将清华大学{topic_zh}研究成果在地方推广应用，服务区域经济发展。",
                f"The university's research on {topic_en}, applied in the regions.",
                synth.random.choice(list(ProjectStatus)).value,
                started.isoformat(),
                synth.public(),
                "t",
            )
        )
    columns = [
        "code",
        "title_zh",
        "title_en",
        "department_id",
        "technology_zh",
        "technology_en",
        "summary_zh",
        "summary_en",
        "status",
        "started_on",
        "is_public",
        "is_illustrative",
    ]
    synth.copier.copy(CooperationProject, rows, columns)
    ids = list(
        CooperationProject.objects.filter(code__startswith=f"{PREFIX.lower()}-p-")
        .order_by("code")
        .values_list("pk", "started_on")
    )
    sites, partners = [], []
    for pk, started in ids:
        places = set()
        for _ in range(synth.random.choice((1, 1, 1, 2, 2, 3))):
            province, city = synth.place()
            if (province.pk, city.pk if city else None) in places:
                continue
            places.add((province.pk, city.pk if city else None))
            sites.append(
                (
                    pk,
                    province.pk,
                    city.pk if city else None,
                    started.isoformat() if started else None,
                )
            )
        for organization in synth.random.sample(organizations, synth.random.choice((0, 1, 1, 2))):
            partners.append((pk, organization.pk))
    synth.copier.copy(ProjectSite, sites, ["project_id", "province_id", "city_id", "started_on"])
    through = CooperationProject.partners.through
    synth.copier.copy(through, sorted(set(partners)), ["cooperationproject_id", "organization_id"])
    synth.write(f"{count} projects, {len(sites)} sites")
    synth.projects = [pk for pk, _started in ids]


PROJECTS = SyntheticStep(
    70,
    "projects",
    write_projects,
    option="projects",
    default=20_000,
    clear=lambda prefix: [
        (
            f"DELETE FROM {table(ProjectSite)} WHERE project_id IN "
            f"(SELECT id FROM {table(CooperationProject)} WHERE code LIKE %s)",
            f"{prefix.lower()}-%",
        ),
        (
            f"DELETE FROM {table(CooperationProject.partners.through)} WHERE "
            f"cooperationproject_id IN "
            f"(SELECT id FROM {table(CooperationProject)} WHERE code LIKE %s)",
            f"{prefix.lower()}-%",
        ),
        (f"DELETE FROM {table(CooperationProject)} WHERE code LIKE %s", f"{prefix.lower()}-%"),
    ],
)
