"""What a record contributes to the search index (``Document``) and how a kind of record is
indexed (``IndexedKind``): the toolkit each domain app builds its ``search.py`` with.

A domain app declares each searchable record type's ``IndexedKind`` in its ``search.py`` and
names it in its ``querysets.py`` as the record type's ``search`` hook::

    registry.hook("projects.CooperationProject", search="apps.projects.search.PROJECTS")

The kind also says which other rows its entries are made of (``parts``, ``named``, ``m2m``), so
that the search app keeps them current without naming a model. Whether an entry is public is
not the document's to say: it is the record type's ``published`` rule (the registry's), read
once for every kind (``IndexedKind.queryset`` annotates it as ``search_is_public``).

The search app (``apps.search``) iterates the registry, segments the documents' texts and keeps
the index; the department's own document is declared here, core being its app.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Case, Q, Value, When
from django.urls import reverse
from django.utils import translation

from apps.core.models import Department
from apps.core.registry import NEVER
from apps.core.scope import published_q, record_type_of

# A department's entry lists the technologies of its projects, so that a partner's problem
# finds the department that works on it; a bounded sample keeps the entry small.
DEPARTMENT_TECHNOLOGIES = 100


@dataclass
class Document:
    url_key: str
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


def placed_document(record, *, title="name", text, context=(), body=None, url_key=None):
    """The document of a record that lies in one place (its ``province`` and ``city``) and has
    a name and a text in both languages (``<title>_zh``/``_en``, ``<text>_zh``/``_en``): the
    place's names first in its context, then ``context``; the text is its summary and, unless
    ``body`` says otherwise, its body. Keyed by its ``code`` unless ``url_key`` is given."""
    text_zh, text_en = getattr(record, f"{text}_zh"), getattr(record, f"{text}_en")
    return Document(
        url_key=record.code if url_key is None else url_key,
        title_zh=getattr(record, f"{title}_zh"),
        title_en=getattr(record, f"{title}_en"),
        summary_zh=text_zh,
        summary_en=text_en,
        body=[text_zh, text_en] if body is None else body,
        context=region_names(record.province, record.city) + list(context),
        province_ids=[p for p in [record.province_id] if p],
        city_ids=[c for c in [record.city_id] if c],
    )


def names_of(record):
    """A related record's name in both languages (none for no record)."""
    return [record.name_zh, record.name_en] if record is not None else []


def choice_label(model, field_name, value):
    return dict(model._meta.get_field(field_name).flatchoices).get(value, value)


def published_flag(model):
    """An expression: whether a row of ``model`` is published (the registry's rule)."""
    condition = published_q(record_type_of(model))
    if condition is NEVER:
        return Value(False)
    if condition is None:
        return Value(True)
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


@dataclass(frozen=True)
class IndexedKind:
    """One kind of search hit. ``kind`` names it in the index; ``label`` is its name on the
    search page (the kinds ``apps.search.models.SearchKind`` lists take their label and place
    from there; a record type's app names a new kind here, with no change to the search app,
    and its results come after those, in the registry's order). A hit
    links to ``url_name`` with the record's key as argument, or, with ``url_param``, to
    ``url_name`` with the key as that query parameter.

    What an entry is made of besides its record, so that a change to it refreshes the entry:

    * ``parts``: rows of other models that belong to one record, as ``(model label, the
      attribute naming the record)``: ``("projects.ProjectSite", "project_id")``; their
      saves and deletions refresh that record's entry;
    * ``named``: records an entry names, as ``(model label, the lookup from the indexed
      model to it)``: ``("partners.Organization", "partners")``; an edit of one refreshes
      the entries naming it;
    * ``m2m``: many-to-many fields of the indexed model whose links the entry lists.

    ``near``, for kinds that serve a place (offices), gives ``(province_id, city_id, limit)``
    the records serving it, nearest first: what a technology request is offered first.
    """

    kind: str
    model: type
    build: Any
    select_related: tuple = ()
    prefetch_related: tuple = ()
    url_name: str = ""
    url_param: str = ""
    parts: tuple = ()
    named: tuple = ()
    m2m: tuple = ()
    near: Any = None
    label: Any = None

    def queryset(self):
        return (
            self.model._default_manager.select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
            .annotate(search_is_public=published_flag(self.model))
            .order_by("pk")
        )

    def naming(self, lookup, record):
        """The ids of this kind's records whose entries name ``record`` (through ``lookup``)."""
        return self.model._default_manager.filter(Q(**{lookup: record.pk})).values_list(
            "pk", flat=True
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
        title_zh=department.name_zh,
        title_en=department.name_en,
        summary_zh=department.description_zh,
        summary_en=department.description_en,
        body=[
            department.description_zh,
            department.description_en,
            department.keywords_zh,
            department.keywords_en,
        ],
        context=[text for pair in technologies for text in pair],
    )


DEPARTMENTS = IndexedKind(
    "department",
    Department,
    department_document,
    url_name="public:project_list",
    url_param="department",
    # A department's entry lists its projects' technologies.
    parts=(("projects.CooperationProject", "department_id"),),
)
