"""Who may see which records: one rule for the admin, imports, exports, reports and the API.

Call ``scope_queryset(user, queryset)`` wherever a queryset of domain records reaches a user:

* anonymous users and signed-in users who are not staff: public records only
  (``is_public=True``; child rows through their parent; payments never);
* superusers, headquarters staff, auditors, and staff given permissions one by one (no
  office role): every record their Django permissions allow;
* office staff (the ``office_staff`` role): only the records of their own province or city
  (a city includes its districts), public or not; reference data (departments, regions,
  scope areas …) in full; with no province or city on their profile, none.

In a Django REST framework viewset::

    from apps.accounts.scoping import scope_queryset

    def get_queryset(self):
        return scope_queryset(self.request.user, super().get_queryset())

Objects fetched through that queryset (retrieve, update, destroy) are then refused with 404
outside the user's scope. ``instance_in_scope(user, obj)`` checks an unsaved instance before a
write (it answers ``None`` when only the database can tell, e.g. a project's sites).

The region of each model is declared once in ``REGION_PATHS`` below.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

HQ_GROUP = "hq_staff"
OFFICE_GROUP = "office_staff"
AUDITOR_GROUP = "auditors"

OUT_OF_REGION = _("This record would lie outside your region.")
OUT_OF_REGION_FORM = _(
    "This record would lie outside your region: choose a province or city of your own region."
)


@dataclass(frozen=True)
class RegionPath:
    """Where a model's province and city are, as ORM lookups; ``via`` names a reverse relation
    (a record is in a region when any of its related rows is)."""

    province: str
    city: str
    via: str = ""


REGION_PATHS = {
    "partners.organization": [RegionPath("province", "city")],
    "partners.membership": [RegionPath("organization__province", "organization__city")],
    "agreements.cooperationagreement": [
        RegionPath("province", "city"),
        RegionPath("organization__province", "organization__city"),
    ],
    "agreements.contract": [RegionPath("province", "city")],
    "agreements.payment": [RegionPath("contract__province", "contract__city")],
    "funds.cooperationfund": [RegionPath("province", "city")],
    "funds.fundcontribution": [RegionPath("fund__province", "fund__city")],
    "funds.fundgrant": [RegionPath("fund__province", "fund__city")],
    "institutes.jointinstitute": [RegionPath("province", "city")],
    "institutes.branch": [RegionPath("institute__province", "institute__city")],
    "offices.cooperationoffice": [RegionPath("province", "city")],
    "offices.practicebase": [RegionPath("office__province", "office__city")],
    "projects.cooperationproject": [RegionPath("province", "city", via="sites")],
    "projects.projectsite": [RegionPath("province", "city")],
    "events.exchangeevent": [RegionPath("province", "city")],
    "operations.reportjob": [RegionPath("province", "city")],
    "outcomes.agreementtarget": [
        RegionPath("agreement__province", "agreement__city"),
        RegionPath("agreement__organization__province", "agreement__organization__city"),
    ],
}

# Rows an anonymous visitor may see when the model has no ``is_public`` of its own.
# ``None``: never public.
PUBLIC_PATHS = {
    "agreements.payment": None,
    "funds.fundcontribution": "fund__is_public",
    "funds.fundgrant": "fund__is_public",
    "institutes.branch": "institute__is_public",
    "offices.practicebase": "office__is_public",
    "projects.projectsite": "project__is_public",
    "operations.reportjob": None,
    "outcomes.agreementtarget": "agreement__is_public",
}


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


def user_scope(user):
    """The user's scope, computed once per user object (one query at most)."""
    cached = getattr(user, "_coop_scope", None)
    if cached is not None:
        return cached
    scope = _compute_scope(user)
    if user is not None and getattr(user, "pk", None):
        user._coop_scope = scope
    return scope


def _compute_scope(user):
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        return EVERYTHING
    if not user.is_staff:
        return PUBLIC
    if not user.groups.filter(name=OFFICE_GROUP).exists():
        # Headquarters staff, auditors, and staff given permissions one by one: their
        # Django permissions say what they may do, everywhere.
        return EVERYTHING
    from apps.accounts.models import StaffProfile

    profile = StaffProfile.objects.filter(user=user).values("province_id", "city_id").first()
    if profile and (profile["province_id"] or profile["city_id"]):
        return Scope(province_id=profile["province_id"], city_id=profile["city_id"])
    return NOTHING


def forget_scope(user):
    """Drop the cached scope after the user's role or region changed."""
    user.__dict__.pop("_coop_scope", None)


def model_key(model):
    return model._meta.label_lower


def is_regional_model(model):
    return model_key(model) in REGION_PATHS or model_key(model) in (
        "regions.province",
        "regions.city",
    )


def _region_condition(path, scope):
    if scope.city_id:
        return Q(**{path.city: scope.city_id}) | Q(**{f"{path.city}__parent": scope.city_id})
    return Q(**{path.province: scope.province_id})


def region_filter(model, scope):
    """A Q selecting the model's rows in the scope's region, or None for reference data."""
    key = model_key(model)
    if key == "regions.province":
        return Q(pk=scope.province_id)
    if key == "regions.city":
        if scope.city_id:
            return Q(pk=scope.city_id) | Q(parent=scope.city_id)
        return Q(province=scope.province_id)
    paths = REGION_PATHS.get(key)
    if paths is None:
        return None
    condition = Q()
    for path in paths:
        if path.via:
            relation = model._meta.get_field(path.via)
            related = relation.related_model
            exists = Exists(
                related._default_manager.filter(
                    _region_condition(path, scope), **{relation.field.name: OuterRef("pk")}
                )
            )
            condition |= Q(exists)
        else:
            condition |= _region_condition(path, scope)
    return condition


def public_filter(model):
    """A Q selecting rows anyone may see; None when everything is public; False for none."""
    key = model_key(model)
    if key in PUBLIC_PATHS:
        path = PUBLIC_PATHS[key]
        return False if path is None else Q(**{path: True})
    field_names = {field.name for field in model._meta.get_fields()}
    if "is_public" in field_names:
        return Q(is_public=True)
    return None


def scope_queryset(user, queryset):
    """The part of ``queryset`` the user may see (see the module's docstring)."""
    scope = user_scope(user)
    model = queryset.model
    if scope.everything:
        return queryset
    if scope.public_only:
        condition = public_filter(model)
        if condition is False:
            return queryset.none()
        return queryset if condition is None else queryset.filter(condition)
    if scope.nothing:
        return queryset if not is_regional_model(model) else queryset.none()
    condition = region_filter(model, scope)
    return queryset if condition is None else queryset.filter(condition)


def _follow(instance, path):
    """The id at the end of an ORM path on an in-memory instance, without a query if the
    related objects are already loaded."""
    *relations, last = path.split("__")
    target = instance
    for name in relations:
        target = getattr(target, name, None)
        if target is None:
            return None
    return getattr(target, f"{last}_id", None)


def _city_parent_id(instance, path):
    *relations, last = path.split("__")
    target = instance
    for name in [*relations, last]:
        target = getattr(target, name, None)
        if target is None:
            return None
    return target.parent_id


def instance_in_scope(user, instance):
    """Whether an (unsaved) instance lies in the user's region: True, False, or None when only
    the database can tell."""
    scope = user_scope(user)
    if scope.everything:
        return True
    if scope.public_only or scope.nothing:
        return not is_regional_model(type(instance))
    paths = REGION_PATHS.get(model_key(type(instance)))
    if paths is None:
        return True
    if any(path.via for path in paths):
        return None
    for path in paths:
        if scope.city_id:
            if _follow(instance, path.city) == scope.city_id:
                return True
            if _city_parent_id(instance, path.city) == scope.city_id:
                return True
        elif _follow(instance, path.province) == scope.province_id:
            return True
    return False


def object_in_scope(user, obj):
    """Whether a saved object is visible to the user (one query unless the user sees all)."""
    if user_scope(user).everything:
        return True
    model = type(obj)
    return scope_queryset(user, model._default_manager.filter(pk=obj.pk)).exists()
