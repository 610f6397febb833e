import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from apps.accounts.models import Role, StaffProfile
from apps.accounts.scoping import AUDITOR_GROUP, HQ_GROUP, OFFICE_GROUP

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{perm.content_type.app_label}.{perm.codename}"
        for perm in group.permissions.select_related("content_type")
    }


def test_roles_exist_after_migrate_with_their_permissions():
    hq, office, auditors = codenames(HQ_GROUP), codenames(OFFICE_GROUP), codenames(AUDITOR_GROUP)
    assert {"agreements.delete_contract", "django_celery_beat.change_periodictask"} <= hq
    assert {"agreements.change_contract", "agreements.view_contract", "core.view_department"} <= (
        office
    )
    assert "core.change_department" not in office
    assert "django_celery_beat.change_periodictask" not in office
    assert all(name.split(".")[1].startswith("view_") for name in auditors)
    assert "agreements.view_contract" in auditors


def test_sync_roles_command_restores_a_removed_permission():
    group = Group.objects.get(name=OFFICE_GROUP)
    group.permissions.clear()
    call_command("sync_roles")
    assert "agreements.change_contract" in codenames(OFFICE_GROUP)


def test_a_profile_puts_the_user_in_exactly_one_role_group(django_user_model):
    from apps.regions.tests.factories import CityFactory

    user = django_user_model.objects.create_user(username="zhang")
    city = CityFactory()
    profile = StaffProfile.objects.create(user=user, role=Role.OFFICE, city=city)
    assert profile.province == city.province
    assert list(user.groups.values_list("name", flat=True)) == [OFFICE_GROUP]
    user.refresh_from_db()
    assert user.is_staff
    profile.role = Role.AUDITOR
    profile.save()
    assert list(user.groups.values_list("name", flat=True)) == [AUDITOR_GROUP]
    assert not user.groups.filter(name=HQ_GROUP).exists()
