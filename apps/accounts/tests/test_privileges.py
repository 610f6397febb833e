"""Roles cannot grow: only superusers manage users, groups and permissions; headquarters staff
manage office staff's profiles at most."""

import pytest
from django.contrib.auth.models import Group, Permission

from apps.accounts.models import Role, StaffProfile
from apps.accounts.tests.conftest import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def hq_client(client, hq_user):
    client.force_login(hq_user)
    return client


def test_hq_staff_cannot_make_themselves_superuser(hq_client, hq_user):
    url = f"/admin/auth/user/{hq_user.pk}/change/"

    assert hq_client.get(url).status_code == 403
    response = hq_client.post(
        url,
        {
            "username": hq_user.username,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )

    assert response.status_code == 403
    hq_user.refresh_from_db()
    assert not hq_user.is_superuser
    assert hq_client.get("/admin/auth/user/").status_code == 403
    assert hq_client.get("/admin/auth/group/").status_code == 403


def test_hq_staff_cannot_open_superuser_password_form(hq_client, django_user_model):
    root = django_user_model.objects.create_superuser(username="root", password="x" * 20)

    response = hq_client.get(f"/admin/auth/user/{root.pk}/password/")

    assert response.status_code == 403
    posted = hq_client.post(
        f"/admin/auth/user/{root.pk}/password/",
        {"password1": "taken-over-1234", "password2": "taken-over-1234"},
    )
    assert posted.status_code == 403
    root.refresh_from_db()
    assert not root.check_password("taken-over-1234")


def test_no_role_holds_a_permission_on_users_groups_or_permissions():
    for role in Role:
        group = Group.objects.get(name=role)
        held = group.permissions.filter(content_type__app_label="auth")
        assert not held.exists(), (role, list(held.values_list("codename", flat=True)))


def test_staff_given_user_permissions_one_by_one_still_cannot_edit_users(client, django_user_model):
    clerk = django_user_model.objects.create_user(username="clerk", is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="auth", codename__endswith="_user")
    )
    client.force_login(clerk)

    assert client.get(f"/admin/auth/user/{clerk.pk}/change/").status_code == 403
    assert client.post(f"/admin/auth/user/{clerk.pk}/password/", {}).status_code == 403


def test_hq_staff_manage_office_profiles_only(hq_client, hq_user, django_user_model, world):
    office = make_staff(django_user_model, "clerk-gusu", Role.OFFICE, city=world.home_city)
    auditor = make_staff(django_user_model, "auditor-2", Role.AUDITOR)
    profiles = "/admin/accounts/staffprofile/"

    listing = hq_client.get(profiles)
    assert listing.status_code == 200
    shown = {profile.pk for profile in listing.context["cl"].result_list}
    assert shown == {office.staff_profile.pk}
    assert hq_client.get(f"{profiles}{auditor.staff_profile.pk}/change/").status_code == 302
    assert hq_client.get(f"{profiles}{hq_user.staff_profile.pk}/change/").status_code == 302

    form = hq_client.get(f"{profiles}{office.staff_profile.pk}/change/").context["adminform"].form
    assert [value for value, _label in form.fields["role"].choices if value] == [Role.OFFICE]
    assert hq_user.pk not in {user.pk for user in form.fields["user"].queryset}
    assert auditor.pk not in {user.pk for user in form.fields["user"].queryset}

    promoted = hq_client.post(
        f"{profiles}{office.staff_profile.pk}/change/",
        {
            "user": office.pk,
            "role": Role.HQ,
            "city": world.home_city.pk,
            "province": world.home_province.pk,
            "receives_reminders": "on",
        },
    )
    assert promoted.status_code == 200
    assert promoted.context["adminform"].form.errors["role"]
    assert StaffProfile.objects.get(user=office).role == Role.OFFICE
    assert not office.groups.filter(name=Role.HQ).exists()
