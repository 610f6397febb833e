"""Repeated wrong passwords lock the sign-in; tests that log in without a request still work."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-strong-test-password"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        username="clerk", email="clerk@example.edu.cn", password=PASSWORD, is_staff=True
    )


def sign_in(client, password, username="clerk"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="10.1.2.3",
    )


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, staff):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    assert sign_in(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_success_before_the_limit_resets_the_count(client, staff):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302


def test_other_users_are_not_locked_out(client, staff, django_user_model):
    django_user_model.objects.create_user(username="colleague", password=PASSWORD, is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD, username="colleague").status_code == 302


def test_test_client_login_and_force_login_keep_working(client, staff):
    assert client.login(username="clerk", password=PASSWORD)
    client.logout()
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200
