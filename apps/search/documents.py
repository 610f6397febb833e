"""What each kind of record contributes to the search index, and where a hit links to."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

from apps.core.models import Department
from apps.events.models import ExchangeEvent
from apps.funds.models import CooperationFund
from apps.institutes.models import JointInstitute
from apps.offices.models import CooperationOffice
from apps.partners.models import Organization
from apps.projects.models import CooperationProject, ProjectSite
from apps.search.models import SearchKind
from apps.search.segmentation import index_terms

SUMMARY_LENGTH = 240
# A department's entry lists the technologies of its projects, so that a partner's problem
# finds the department that works on it; a bounded sample keeps the entry small.
DEPARTMENT_TECHNOLOGIES = 100


@dataclass
class Document:
    url_key: str
    is_public: bool
    title_zh: str
    title_en: str = ""
    summary_zh: str = ""
    summary_en: str = ""
    body: list[Any] = field(default_factory=list)
    context: list[Any] = field(default_factory=list)
    province_ids: list[int] = field(default_factory=list)
    city_ids: list[int] = field(default_factory=list)

    def entry_fields(self):
        return {
            "url_key": self.url_key,
            "is_public": self.is_public,
            "province_ids": sorted(set(self.province_ids)),
            "city_ids": sorted(set(self.city_ids)),
            "title_zh": self.title_zh[:300],
            "title_en": self.title_en[:400],
            "summary_zh": _shorten(self.summary_zh),
            "summary_en": _shorten(self.summary_en),
            "terms_title": index_terms(self.title_zh, self.title_en),
            "terms_body": index_terms(*self.body),
            "terms_context": index_terms(*self.context),
        }


def _shorten(text):
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


def both_languages(label):
    """A translatable label in Chinese and in English, so either finds the record."""
    texts = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            texts.append(str(label))
    return texts


def region_names(province=None, city=None):
    names = []
    if province is not None:
        names += [province.name_zh, province.short_name_zh, province.name_en]
    if city is not None:
        names += [city.name_zh, city.name_en]
    return names


def _project_document(project):
    sites = list(project.sites.all())
    partners = list(project.partners.all())
    context = [project.department.name_zh, project.department.name_en]
    for site in sites:
        context += region_names(site.province, site.city)
    for partner in partners:
        context += [partner.name_zh, partner.name_en]
    return Document(
        url_key=project.code,
        is_public=project.is_public,
        title_zh=project.title_zh,
        title_en=project.title_en,
        summary_zh=project.summary_zh or project.technology_zh,
        summary_en=project.summary_en or project.technology_en,
        body=[project.technology_zh, project.technology_en, project.summary_zh, project.summary_en],
        context=context,
        province_ids=[s.province_id for s in sites],
        city_ids=[s.city_id for s in sites if s.city_id],
    )


def _institute_document(institute):
    context = region_names(institute.province, institute.city)
    context += both_languages(_choice_label(JointInstitute, "kind", institute.kind))
    for branch in institute.branches.all():
        context += [branch.name_zh, branch.name_en, *region_names(city=branch.city)]
    if institute.partner:
        context += [institute.partner.name_zh, institute.partner.name_en]
    return Document(
        url_key=institute.code,
        is_public=institute.is_public,
        title_zh=institute.name_zh,
        title_en=institute.name_en,
        summary_zh=institute.focus_zh,
        summary_en=institute.focus_en,
        body=[institute.focus_zh, institute.focus_en],
        context=context,
        province_ids=[institute.province_id],
        city_ids=[c for c in [institute.city_id] if c],
    )


def _fund_document(fund):
    context = region_names(fund.province, fund.city)
    if fund.government:
        context += [fund.government.name_zh, fund.government.name_en]
    return Document(
        url_key=fund.code,
        is_public=fund.is_public,
        title_zh=fund.name_zh,
        title_en=fund.name_en,
        summary_zh=fund.purpose_zh,
        summary_en=fund.purpose_en,
        body=[fund.purpose_zh, fund.purpose_en],
        context=context,
        province_ids=[fund.province_id],
        city_ids=[c for c in [fund.city_id] if c],
    )


def _office_document(office):
    context = region_names(office.province, office.city)
    for base in office.practice_bases.all():
        context += [base.name_zh, base.name_en]
    return Document(
        url_key=office.code,
        is_public=office.is_public,
        title_zh=office.name_zh,
        title_en=office.name_en,
        summary_zh=" ".join(region_names(office.province, office.city)[:1] + [office.address]),
        summary_en=office.address,
        body=[office.address],
        context=context,
        province_ids=[office.province_id],
        city_ids=[c for c in [office.city_id] if c],
    )


def _event_document(event):
    context = region_names(event.province, event.city) + both_languages(
        _choice_label(ExchangeEvent, "kind", event.kind)
    )
    if event.department:
        context += [event.department.name_zh, event.department.name_en]
    return Document(
        url_key=event.code,
        is_public=event.is_public,
        title_zh=event.title_zh,
        title_en=event.title_en,
        summary_zh=event.outcomes_zh,
        summary_en=event.outcomes_en,
        body=[event.outcomes_zh, event.outcomes_en, event.organizer],
        context=context,
        province_ids=[event.province_id],
        city_ids=[c for c in [event.city_id] if c],
    )


def _organization_document(organization):
    context = region_names(organization.province, organization.city) + both_languages(
        _choice_label(Organization, "kind", organization.kind)
    )
    return Document(
        url_key=str(organization.pk),
        is_public=organization.is_public,
        title_zh=organization.name_zh,
        title_en=organization.name_en,
        summary_zh=organization.industry,
        summary_en=organization.industry,
        body=[organization.industry],
        context=context,
        province_ids=[p for p in [organization.province_id] if p],
        city_ids=[c for c in [organization.city_id] if c],
    )


def _department_document(department):
    technologies = (
        department.projects.published()
        .exclude(technology_zh="", technology_en="")
        .order_by("technology_zh")
        .values_list("technology_zh", "technology_en")
        .distinct()[:DEPARTMENT_TECHNOLOGIES]
    )
    return Document(
        url_key=department.code,
        is_public=department.is_public,
        title_zh=department.name_zh,
        title_en=department.name_en,
        summary_zh=department.description_zh,
        summary_en=department.description_en,
        body=[department.description_zh, department.description_en],
        context=[text for pair in technologies for text in pair],
    )


def _choice_label(model, field_name, value):
    return dict(model._meta.get_field(field_name).flatchoices).get(value, value)


@dataclass(frozen=True)
class IndexedKind:
    kind: str
    model: type
    build: Any
    select_related: tuple = ()
    prefetch_related: tuple = ()
    url_name: str = ""

    def queryset(self):
        return (
            self.model._default_manager.select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
            .order_by("pk")
        )

    def url(self, url_key):
        if self.kind == SearchKind.DEPARTMENT:
            return f"{reverse('public:project_list')}?department={url_key}"
        return reverse(self.url_name, args=[url_key])


KINDS = {
    spec.kind: spec
    for spec in [
        IndexedKind(
            SearchKind.PROJECT,
            CooperationProject,
            _project_document,
            select_related=("department",),
            prefetch_related=(
                Prefetch("sites", queryset=ProjectSite.objects.select_related("province", "city")),
                "partners",
            ),
            url_name="public:project_detail",
        ),
        IndexedKind(
            SearchKind.INSTITUTE,
            JointInstitute,
            _institute_document,
            select_related=("province", "city", "partner"),
            prefetch_related=("branches__city",),
            url_name="public:institute_detail",
        ),
        IndexedKind(
            SearchKind.FUND,
            CooperationFund,
            _fund_document,
            select_related=("province", "city", "government"),
            url_name="public:fund_detail",
        ),
        IndexedKind(
            SearchKind.OFFICE,
            CooperationOffice,
            _office_document,
            select_related=("province", "city"),
            prefetch_related=("practice_bases",),
            url_name="public:office_detail",
        ),
        IndexedKind(
            SearchKind.EVENT,
            ExchangeEvent,
            _event_document,
            select_related=("province", "city", "department"),
            url_name="public:event_detail",
        ),
        IndexedKind(
            SearchKind.ORGANIZATION,
            Organization,
            _organization_document,
            select_related=("province", "city"),
            url_name="public:organization_detail",
        ),
        IndexedKind(SearchKind.DEPARTMENT, Department, _department_document),
    ]
}
