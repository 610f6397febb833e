"""Which region a staff member works for: the accounts app's part of the one gate.

The gate itself, the scope engine, is ``apps.core.scope``; the rules it applies are what each
domain app declared in the registry (``apps.core.registry``). This module tells the engine who a
staff member is:

* superusers, headquarters staff, auditors, and staff given permissions one by one (no office
  role): every record their Django permissions allow;
* office staff (the ``office_staff`` role): only the records of their own province or city (a
  city includes its districts), public or not; reference data in full; with no province or
  city on their profile, none;
* anonymous visitors and signed-in users who are not staff: published records only.

Read a queryset through the gate with ``Model.objects.visible_to(user)`` or
``apps.core.scope.scope_queryset(user, queryset)``; both are re-exported here for the callers
that name this module.
"""

from apps.accounts.choices import AUDITOR_GROUP, HQ_GROUP, OFFICE_GROUP
from apps.accounts.models import StaffProfile
from apps.core.scope import (
    EVERYTHING,
    NOTHING,
    OUT_OF_REGION,
    OUT_OF_REGION_FORM,
    Scope,
    forget_scope,
    instance_in_scope,
    object_in_scope,
    scope_queryset,
    user_scope,
)

__all__ = [
    "AUDITOR_GROUP",
    "HQ_GROUP",
    "OFFICE_GROUP",
    "OUT_OF_REGION",
    "OUT_OF_REGION_FORM",
    "forget_scope",
    "instance_in_scope",
    "object_in_scope",
    "region_scope",
    "scope_queryset",
    "staff_scope",
    "user_scope",
]


def staff_scope(user):
    """The scope of an active staff member who is not a superuser."""
    if not user.groups.filter(name=OFFICE_GROUP).exists():
        # Headquarters staff, auditors, and staff given permissions one by one: their Django
        # permissions say what they may do, everywhere.
        return EVERYTHING
    profile = StaffProfile.objects.filter(user=user).values("province_id", "city_id").first()
    if profile is None:
        return NOTHING
    return region_scope(province_id=profile["province_id"], city_id=profile["city_id"])


def region_scope(*, province_id, city_id):
    """The scope of an office staff member whose profile names this province or city."""
    if province_id or city_id:
        return Scope(province_id=province_id, city_id=city_id)
    return NOTHING


def staff_directory():
    """The active office and headquarters staff who receive e-mails (``receives_reminders``),
    for ``apps.core.recipients``: office staff with their region's scope, HQ by address."""
    from apps.accounts.models import Role
    from apps.core.recipients import StaffDirectory

    profiles = (
        StaffProfile.objects.filter(
            receives_reminders=True, user__is_active=True, role__in=[Role.OFFICE, Role.HQ]
        )
        .exclude(user__email="")
        .select_related("user")
    )
    office, hq = [], []
    for profile in profiles:
        if profile.role == Role.OFFICE:
            scope = region_scope(province_id=profile.province_id, city_id=profile.city_id)
            office.append((scope, profile.user.email))
        else:
            hq.append(profile.user.email)
    return StaffDirectory(office=tuple(office), hq=tuple(hq))
