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


def test_add_staff_command_creates_an_office_user_for_a_city(django_user_model):
    from apps.accounts.scoping import user_scope
    from apps.regions.tests.factories import CityFactory

    city = CityFactory(name_zh="姑苏市", name_en="Gusu")
    call_command(
        "add_staff", "gusu-clerk", "--role", "office", "--region", "姑苏", "--email", "c@example.cn"
    )
    user = django_user_model.objects.get(username="gusu-clerk")
    assert user.is_staff and user.email == "c@example.cn"
    assert user.staff_profile.city == city
    scope = user_scope(user)
    assert scope.city_id == city.pk and scope.province_id == city.province_id
