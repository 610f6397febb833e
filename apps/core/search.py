"""What a record contributes to the search index (``Document``) and how a kind of record is
indexed (``IndexedKind``): the toolkit each domain app builds its ``search.py`` with.

A domain app declares each searchable record type's ``IndexedKind`` in its ``search.py`` and
names it in its ``querysets.py`` as the record type's ``search`` hook::

    registry.hook("projects.CooperationProject", search="apps.projects.search.PROJECTS")

The search app (``apps.search``) iterates the registry, segments the documents' texts and keeps
the index; the department's own document is declared here, core being its app.
"""

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import translation

from apps.core.models import Department

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


def choice_label(model, field_name, value):
    return dict(model._meta.get_field(field_name).flatchoices).get(value, value)


@dataclass(frozen=True)
class IndexedKind:
    """One kind of search hit. ``kind`` is a ``apps.search.models.SearchKind`` value; a hit
    links to ``url_name`` with the record's key as argument, or, with ``url_param``, to
    ``url_name`` with the key as that query parameter."""

    kind: str
    model: type
    build: Any
    select_related: tuple = ()
    prefetch_related: tuple = ()
    url_name: str = ""
    url_param: str = ""

    def queryset(self):
        return (
            self.model._default_manager.select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
            .order_by("pk")
        )

    def url(self, url_key):
        if self.url_param:
            return f"{reverse(self.url_name)}?{self.url_param}={url_key}"
        return reverse(self.url_name, args=[url_key])


def department_document(department):
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


DEPARTMENTS = IndexedKind(
    "department",
    Department,
    department_document,
    url_name="public:project_list",
    url_param="department",
)
