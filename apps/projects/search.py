"""What a project contributes to the search index."""

from django.db.models import Prefetch

from apps.core.search import Document, IndexedKind, region_names
from apps.projects.models import CooperationProject, ProjectSite


def project_document(project):
    sites = list(project.sites.all())
    partners = list(project.partners.all())
    context = [project.department.name_zh, project.department.name_en]
    for site in sites:
        context += region_names(site.province, site.city)
    for partner in partners:
        context += [partner.name_zh, partner.name_en]
    return Document(
        url_key=project.code,
        title_zh=project.title_zh,
        title_en=project.title_en,
        summary_zh=project.summary_zh or project.technology_zh,
        summary_en=project.summary_en or project.technology_en,
        body=[project.technology_zh, project.technology_en, project.summary_zh, project.summary_en],
        context=context,
        province_ids=[s.province_id for s in sites],
        city_ids=[s.city_id for s in sites if s.city_id],
    )


PROJECTS = IndexedKind(
    "project",
    CooperationProject,
    project_document,
    select_related=("department",),
    prefetch_related=(
        Prefetch("sites", queryset=ProjectSite.objects.select_related("province", "city")),
        "partners",
    ),
    url_name="public:project_detail",
    parts=(("projects.ProjectSite", "project_id"),),
    named=(("partners.Organization", "partners"), ("core.Department", "department")),
    m2m=("partners",),
)
