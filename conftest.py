import pytest


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="hq-admin", email="hq@example.edu.cn", password="a-strong-test-password"
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
