"""The scope engine: where a record lies, who may see it, what is published.

Every rule of the kind "a city includes its districts" or "a child row is published when its
parent is" is stated here once; the domain apps only declare *where* their region and parent
are (``apps.core.registry``), and every channel asks this module.

* ``region_q(record_type, scope)``: a ``Q`` of the record type's rows in a
  province, or in a city with its districts.
* ``published_q(record_type)``: a ``Q`` of the rows anyone may see, ``None`` for all rows,
  ``NEVER`` for none.
* ``user_scope(user)``: what a user may reach: everything (superusers, headquarters staff,
  auditors), one province or city (office staff), public records only (anonymous visitors and
  non-staff users) or nothing (office staff with no region). The staff part is supplied by
  ``apps.accounts`` through ``set_staff_scope_resolver``.
* ``Place`` and ``scope_reaches(scope, place)``: the same rules for a place held in memory
  (whom a reminder about a record goes to).
* ``scope_queryset(user, queryset)``, ``instance_in_scope(user, instance)``,
  ``object_in_scope(user, obj)``, ``records_out_of_scope(user, instance)``: the gate itself.
* ``NOT_IN_REGION`` (``unseen_record_message``), ``TAKEN``, ``nameable_queryset``: no channel
  tells a record the user may not see from one that does not exist.
"""

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from apps.core.registry import NEVER, Parent, RecordType, registry

OUT_OF_REGION = _("This record would lie outside your region.")
# The one answer to a reference to a record the user may not see, and to one that does not
# exist: the two are never told apart (no channel is an oracle of another region's records).
NOT_IN_REGION = _("No such record in your region.")
# A unique value (a contract number) is unique across all regions, so a value another region
# holds must be refused too; the refusal is this sentence whoever holds it, naming neither the
# record nor where it is (``apps.core.models.RecordModel.unique_error_message``).
TAKEN = _("This %(field_label)s is already in use: choose another.")
OUT_OF_REGION_FORM = _(
    "This record would lie outside your region: choose a province or city of your own region."
)


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    public_only: bool = False
    province_id: int | None = None
    city_id: int | None = None

    @property
    def nothing(self):
        return not (self.everything or self.public_only or self.province_id or self.city_id)

    @property
    def is_regional(self):
        return bool(self.province_id or self.city_id) and not self.everything


PUBLIC = Scope(public_only=True)
EVERYTHING = Scope(everything=True)
NOTHING = Scope()


def record_type_of(model):
    """The model's registered record type; reference data for a model nobody registered."""
    record_type = registry.find(model)
    if record_type is not None:
        return record_type
    has_flag = any(f.name == "is_public" for f in model._meta.concrete_fields)
    return RecordType(
        label=model._meta.label_lower,
        published=Q(is_public=True) if has_flag else None,
        registry=registry,
    )


def unseen_record_message(model):
    """The answer to a reference to a ``model`` record the user may not see or that does not
    exist (``NOT_IN_REGION``); None for reference data, which lies in no region."""
    return NOT_IN_REGION if record_type_of(model).regions else None


def region_of(region):
    """A Scope for a province or city instance (or None for the whole country)."""
    if region is None:
        return EVERYTHING
    if region._meta.model_name == "city":
        return Scope(province_id=region.province_id, city_id=region.pk)
    return Scope(province_id=region.pk)


# --------------------------------------------------------------------------- the rules


def _join(path, lookup):
    return f"{path}__{lookup}" if path else lookup


def city_q(city_path, city):
    """Rows whose city (at ``city_path``; "" for a city itself) is ``city`` or one of its
    districts. The one place that says a city includes its districts."""
    return Q(**{city_path or "pk": city}) | Q(**{_join(city_path, "parent"): city})


def cities_containing(records, city_path):
    """A Q for City rows that contain some of ``records``: the city at ``city_path`` or the
    city above that district. ``city_q`` read the other way, set-based: no correlated OR per
    city, which PostgreSQL cannot answer from an index."""
    return Q(pk__in=records.values(city_path)) | Q(
        pk__in=records.values(_join(city_path, "parent"))
    )


def place_of(city_path="city", attribute="id"):
    """The city a record counts in as a place, as a value to group by: its city, or for a
    district the city the district belongs to (``city_q``'s rule)."""
    if attribute == "id":
        return Coalesce(_join(city_path, "parent_id"), f"{city_path}_id")
    return Coalesce(_join(city_path, f"parent__{attribute}"), _join(city_path, attribute))


def city_contains(city_id, place_city_id, place_city_parent_id):
    """The same rule for values already in memory."""
    return bool(city_id) and city_id in (place_city_id, place_city_parent_id)


@dataclass(frozen=True)
class Place:
    """Where a record lies, as ids already in memory: its province, its city or district, and
    for a district the city it belongs to."""

    province_id: int | None
    city_id: int | None = None
    city_parent_id: int | None = None

    @classmethod
    def at(cls, province_id, city):
        """The place of a record with this province id and city (or None)."""
        return cls(province_id, city.pk if city else None, city.parent_id if city else None)


def scope_reaches(scope, place):
    """Whether ``scope`` reaches ``place`` (a ``Place``): everywhere; a city, with its
    districts; a province, with everything in it."""
    if scope.everything:
        return True
    if scope.city_id:
        return city_contains(scope.city_id, place.city_id, place.city_parent_id)
    return bool(scope.province_id) and scope.province_id == place.province_id


def _path_q(path, scope):
    if scope.city_id and path.city is not None:
        return city_q(path.city, scope.city_id)
    return Q(**{path.province: scope.province_id})


def region_q(record_type, scope):
    """A Q selecting the record type's rows in ``scope``'s province or city; None when the
    record type does not lie in a region (reference data)."""
    if not record_type.regions:
        return None
    if scope.everything:
        return Q()
    model = record_type.model
    condition = Q(pk__in=[])
    for path in record_type.regions:
        if path.via:
            relation = model._meta.get_field(path.via)
            related = relation.related_model._default_manager.filter(
                _path_q(path, scope), **{relation.field.name: OuterRef("pk")}
            )
            condition |= Q(Exists(related))
        else:
            condition |= _path_q(path, scope)
    return condition


def _prefixed(condition, prefix):
    """``condition`` with every lookup read through the relation ``prefix``."""
    rewritten = Q()
    rewritten.connector = condition.connector
    rewritten.negated = condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            rewritten.children.append(_prefixed(child, prefix))
        else:
            lookup, value = child
            rewritten.children.append((f"{prefix}__{lookup}", value))
    return rewritten


def published_q(record_type):
    """Rows anyone may see: a Q, None for every row, NEVER for none."""
    rule = record_type.published
    if isinstance(rule, Parent):
        parent_model = record_type.model._meta.get_field(rule.field).related_model
        parent = published_q(record_type_of(parent_model))
        if parent is NEVER:
            return NEVER
        conditions = [c for c in (rule.own, parent and _prefixed(parent, rule.field)) if c]
        if not conditions:
            return None
        return conditions[0] if len(conditions) == 1 else conditions[0] & conditions[1]
    return rule


def published(queryset):
    """The rows of ``queryset`` anyone may see."""
    condition = published_q(record_type_of(queryset.model))
    if condition is NEVER:
        return queryset.none()
    return queryset if condition is None else queryset.filter(condition)


def in_region(queryset, region):
    """Rows of ``queryset`` in ``region`` (a province, or a city with its districts)."""
    condition = region_q(record_type_of(queryset.model), region_of(region))
    return queryset if condition is None else queryset.filter(condition)


# --------------------------------------------------------------------------- users


_staff_scope_resolver = None


def set_staff_scope_resolver(resolver):
    """``resolver(user) -> Scope`` for active staff who are not superusers (apps.accounts)."""
    global _staff_scope_resolver
    _staff_scope_resolver = resolver


def user_scope(user):
    """The user's scope, computed once per user object (one query at most)."""
    cached = getattr(user, "_coop_scope", None)
    if cached is not None:
        return cached
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        scope = EVERYTHING
    elif not user.is_staff:
        scope = PUBLIC
    elif _staff_scope_resolver is None:
        scope = NOTHING
    else:
        scope = _staff_scope_resolver(user)
    user._coop_scope = scope
    return scope


def region_within(user, region):
    """Whether a province or city (None: the whole country) lies wholly in what the user
    sees in full: everything for headquarters staff, their own region for office staff."""
    scope = user_scope(user)
    if scope.everything:
        return True
    if region is None:
        return False
    if region._meta.model_name == "city":
        return scope_reaches(scope, Place(region.province_id, region.pk, region.parent_id))
    return scope_reaches(scope, Place(region.pk))


def forget_scope(user):
    """Drop the cached scope after the user's role or region changed."""
    user.__dict__.pop("_coop_scope", None)


def scope_queryset(user, queryset):
    """The part of ``queryset`` the user may see."""
    scope = user_scope(user)
    if scope.everything:
        return queryset
    if scope.public_only:
        return published(queryset)
    record_type = record_type_of(queryset.model)
    if not record_type.regions:
        return queryset
    if scope.nothing:
        return queryset.none()
    return queryset.filter(region_q(record_type, scope))


def nameable_queryset(user, queryset):
    """The records a user may name in a filter: those they see and those anyone sees. A
    filter naming any other record is refused as one naming no record (``NOT_IN_REGION``),
    never answered with an empty list that would tell it exists."""
    scope = user_scope(user)
    if scope.everything:
        return queryset
    seen = scope_queryset(user, queryset)
    if scope.public_only:
        return seen
    return seen | published(queryset)


def _follow(instance, path):
    """The object at the end of an ORM path on an in-memory instance ("" is the instance)."""
    target = instance
    for name in path.split("__") if path else ():
        target = getattr(target, name, None)
        if target is None:
            return None
    return target


def _follow_id(instance, path):
    """The id at the end of an ORM path, without loading the last object."""
    *relations, last = path.split("__")
    target = _follow(instance, "__".join(relations))
    if target is None:
        return None
    return target.pk if last == "pk" else getattr(target, f"{last}_id", None)


def instance_in_scope(user, instance):
    """Whether an (unsaved) instance lies in the user's region: True, False, or None when only
    the database can tell (a region through a reverse relation)."""
    scope = user_scope(user)
    record_type = record_type_of(type(instance))
    if scope.everything or not record_type.regions:
        return True
    if scope.public_only or scope.nothing:
        return False
    if any(path.via for path in record_type.regions):
        return None
    for path in record_type.regions:
        if scope.city_id and path.city is not None:
            city = _follow(instance, path.city)
            if city is not None and city_contains(scope.city_id, city.pk, city.parent_id):
                return True
        else:
            if _follow_id(instance, path.province) == scope.province_id:
                return True
    return False


def object_in_scope(user, obj):
    """Whether a saved object is visible to the user (one query unless the user sees all)."""
    if user_scope(user).everything:
        return True
    return scope_queryset(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def related_out_of_scope(user, instance, *, checked=()):
    """The names of the instance's foreign keys and many-to-many fields that point at a record
    outside the user's scope (a saved instance for many-to-many). One query per regional
    relation that is set; none for users who see everything. ``checked``: relations whose
    value the caller already chose among the records the user may see (``scope_queryset``),
    so not asked again."""
    if user_scope(user).everything:
        return []
    names = []
    for field in instance._meta.concrete_fields:
        if not field.is_relation or field.related_model is None or field.name in checked:
            continue
        target_id = getattr(instance, field.attname)
        target_type = record_type_of(field.related_model)
        if target_id is None or not target_type.regions:
            continue
        if any(path.via == field.remote_field.get_accessor_name() for path in target_type.regions):
            # The parent lies where its rows do (a project through its sites): this row is
            # what places it, checked as the row's own region.
            continue
        visible = scope_queryset(user, field.related_model._default_manager.all())
        if not visible.filter(pk=target_id).exists():
            names.append(field.name)
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            if field.name in checked or not record_type_of(field.related_model).regions:
                continue
            chosen = getattr(instance, field.name).all()
            visible = scope_queryset(user, field.related_model._default_manager.all())
            if chosen.exclude(pk__in=visible.values("pk")).exists():
                names.append(field.name)
    return names


def scope_errors(user, instance, *, checked=()):
    """What keeps the user from writing ``instance``, as ValidationError's dict form: the
    record outside their region, or any record it points to outside it. Empty when allowed.
    ``checked`` as for ``related_out_of_scope``."""
    errors = {}
    if instance_in_scope(user, instance) is False:
        errors[NON_FIELD_ERRORS] = [OUT_OF_REGION_FORM]
    for name in related_out_of_scope(user, instance, checked=checked):
        errors[name] = [NOT_IN_REGION]
    return errors
