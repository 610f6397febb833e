"""The registry of record types: what each domain app declares once, and every channel reads.

A domain app declares each of its record types in its ``querysets.py``::

    registry.register(
        "agreements.Contract",
        regions=(RegionPath("province", "city"),),
        published=Q(is_public=True) & ~Q(status=ContractStatus.DRAFT),
        private_fields=("amount", "principal_investigator"),
    )

* ``regions``: where the record lies (``RegionPath``); none for reference data every user may
  read (departments, milestones). That a city includes its districts is the scope engine's
  business (``apps.core.scope.city_q``), never the declaration's.
* ``published``: the rows anyone may see: a ``Q``, ``Parent("fund")`` (published when the
  parent is), ``NEVER`` (payments, technology requests) or ``None`` (every row).
* ``counted``: of the records a reader may see, those a headline figure counts now: a ``Q``,
  or a callable taking today's date and giving one (an event counts once held, an office while
  open). None counts every record. Every channel that counts (pages, API summary and stats,
  open data, dossiers, reports) reads it through ``Model.objects.counted()``.
* ``private_fields``: model fields never shown to the public; ``public_fields`` is the rest of
  the concrete fields minus the record bookkeeping (``is_public``, ``created_at``, ``updated_at``)
  and generated columns.
* hooks, filled by the app or by the composing apps (``registry.hook(label, name=value)``):
  ``save`` and ``delete`` (the one write path, a dotted path or a callable; by default
  ``apps.core.services.record_save`` and ``record_delete``), ``search`` (apps/<app>/search.py),
  ``stats`` (apps/<app>/stats.py), ``export`` (its download columns, an ``ExportSpec``),
  ``import_resource`` (its spreadsheet import), ``import_keys`` (how a sheet names one of its
  records), ``office_staff`` (what office staff may do with it, where that is not "keep a
  regional record, read reference data") … A dotted path is imported on first use.
  Plain data the channels read: ``api`` (route prefix, dotted viewset, basename: the API
  router), ``figures`` (the summary tables' source), ``open_data`` and ``open_data_figure``
  (the open datasets); dotted paths to the app's own sections: ``report`` (apps/<app>/report.py,
  ``apps.core.report``) and ``dossier`` (apps/<app>/dossier.py, ``apps.core.dossier``);
  ``compared``: figures a record type without public pages adds to the page of two regions
  (``apps.core.pages.ComparedFigures``).

Reading the registry (io, figures, search, public, api, tests)::

    from apps.core import registry
    from apps.core.scope import scope_queryset, records_out_of_scope

    record_type = registry.get(Contract)                  # or registry.get("agreements.contract")
    Contract.objects.visible_to(user)                     # what the user may see (lookups!)
    Contract.objects.published()                          # what anyone may see
    Contract.objects.in_region(city)                      # a city with its districts
    record_type.save(user=user, instance=contract)        # full_clean, region check of the
                                                          # record and every FK, history,
                                                          # on_commit side effects; raises
                                                          # django ValidationError
    record_type.delete(user=user, instance=contract)      # permission, region check,
                                                          # history; raises PermissionDenied
    for record_type in registry.all(): ...                # every registered type, in order

An import must look existing rows up in ``Model.objects.visible_to(user)`` only; a row whose
key another region's record holds is refused as any taken key is (``scope.TAKEN``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

RECORD_BOOKKEEPING = ("is_public", "created_at", "updated_at")
DEFAULT_SAVE = "apps.core.services.record_save"
DEFAULT_DELETE = "apps.core.services.record_delete"


@dataclass(frozen=True)
class RegionPath:
    """Where a model's province and city are, as ORM lookups from the model.

    ``city=""`` means the row is itself a city; ``city=None`` means the model has no city (a
    province); ``via`` names a reverse relation (a record lies in a region when any of its
    related rows does, e.g. a project through its sites).
    """

    province: str
    city: str | None = "city"
    via: str = ""


class Never:
    """The published rule of records that are never public (payments, requests)."""

    def __repr__(self):
        return "NEVER"


NEVER = Never()


@dataclass(frozen=True)
class Parent:
    """The published rule of child rows: published when the parent (through ``field``) is,
    and the row's own condition ``own`` holds, if any."""

    field: str
    own: Q | None = None


@dataclass
class RecordType:
    label: str
    regions: tuple = ()
    published: Q | Parent | Never | None = None
    private_fields: tuple = ()
    counted: object = None
    hooks: dict = field(default_factory=dict)
    registry: "Registry" = None

    def counted_q(self, today=None):
        """The ``counted`` rule as a ``Q`` for ``today`` (every record: an empty ``Q``)."""
        if self.counted is None:
            return Q()
        if callable(self.counted):
            return self.counted(today or timezone.localdate())
        return self.counted

    @property
    def counted_changes_with_time(self):
        """Whether a record may start counting by the date alone (an announced event)."""
        return callable(self.counted)

    @property
    def model(self):
        return apps.get_model(self.label)

    @property
    def is_regional(self):
        return bool(self.regions)

    @property
    def public_fields(self):
        hidden = set(self.private_fields) | set(RECORD_BOOKKEEPING)
        # A generated column (a search vector) is derived from the others, no data of its own.
        return tuple(
            f.name
            for f in self.model._meta.concrete_fields
            if f.name not in hidden and not f.generated
        )

    def hook(self, name, default=None):
        value = self.hooks.get(name, default)
        if isinstance(value, str):
            value = import_string(value)
            self.hooks[name] = value
        return value

    def save(self, *, user, instance, **kwargs):
        """The record type's one write path: the shared ``record_save``, or the service its
        app declares (``save=``) where saving it needs more."""
        service: Callable = self.hook("save", DEFAULT_SAVE)
        return service(user=user, instance=instance, **kwargs)

    def delete(self, *, user, instance, **kwargs):
        """The record type's one way out: the shared ``record_delete``, or the service its
        app declares (``delete=``)."""
        service: Callable = self.hook("delete", DEFAULT_DELETE)
        return service(user=user, instance=instance, **kwargs)


class Registry:
    def __init__(self):
        self._types = {}

    def register(
        self, label, *, regions=(), published=None, private_fields=(), counted=None, **hooks
    ):
        key = label.lower()
        if key in self._types:
            raise ValueError(f"{label} is registered twice")
        self._types[key] = RecordType(
            label=key,
            regions=tuple(regions),
            published=published,
            private_fields=tuple(private_fields),
            counted=counted,
            hooks=dict(hooks),
            registry=self,
        )
        return self._types[key]

    def hook(self, label, **hooks):
        """Fill hooks of a registered record type (search document, stats dimensions …)."""
        self.get(label).hooks.update(hooks)

    @staticmethod
    def _key(model_or_label):
        if isinstance(model_or_label, str):
            return model_or_label.lower()
        return model_or_label._meta.label_lower

    def find(self, model_or_label):
        """The record type, or None for a model nobody registered."""
        return self._types.get(self._key(model_or_label))

    def get(self, model_or_label):
        record_type = self.find(model_or_label)
        if record_type is None:
            raise LookupError(f"{self._key(model_or_label)} is not a registered record type")
        return record_type

    def all(self):
        return list(self._types.values())

    def public_app_labels(self):
        """The apps holding a record type anyone may see: what the public pages, the API's
        public answers and the figures read, and what a read replica serves."""
        return frozenset(
            t.label.split(".")[0]
            for t in self._types.values()
            if not isinstance(t.published, Never)
        )

    def app_labels(self):
        """The apps holding any registered record type."""
        return frozenset(t.label.split(".")[0] for t in self._types.values())

    def __contains__(self, model_or_label):
        return self.find(model_or_label) is not None


def feeds_public_pages(model):
    """Whether writes to ``model`` can change what the public sees. Every model of an app
    holding a public record type does (its records, their regions and relations), except one
    that says it never does (``feeds_public_pages = False``: a message relayed to an expert):
    its writes neither move the pages' data version nor queue a rebuild of the figures."""
    return getattr(model, "feeds_public_pages", True)


registry = Registry()
register = registry.register
hook = registry.hook
get = registry.get
find = registry.find
all = registry.all  # noqa: A001 - the registry's own vocabulary: registry.all()
