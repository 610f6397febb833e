"""Every new request reaches someone by default: its region's office staff, else headquarters,
else STAFF_NOTIFICATION_EMAILS; and when it reaches nobody, the admin home lists it."""

import uuid

import pytest

from apps.accounts.models import Role, StaffProfile
from apps.requests import services
from apps.requests.choices import NotificationKind, RequestStatus

pytestmark = pytest.mark.django_db


def _submit(submit_kwargs):
    return services.request_submit(submission_key=uuid.uuid4().hex, **submit_kwargs).request


def _staff_mail(tech_request):
    return tech_request.notifications.filter(kind=NotificationKind.STAFF_NEW_REQUEST).first()


def _hq(django_user_model, email, receives=True):
    user = django_user_model.objects.create_user(
        username=email.split("@")[0], email=email, password=None, is_staff=True
    )
    StaffProfile.objects.create(user=user, role=Role.HQ, receives_reminders=receives)
    return user


def test_new_request_goes_to_the_office_staff_of_its_city(
    submit_kwargs, no_enqueue, office_staff, city, other_city, django_user_model
):
    here = office_staff(city=city)
    here.email = "yinchuan-office@example.edu.cn"
    here.save()
    elsewhere = office_staff(city=other_city)
    elsewhere.email = "suzhou-office@example.edu.cn"
    elsewhere.save()
    _hq(django_user_model, "hq@example.edu.cn")

    tech_request = _submit(submit_kwargs)

    assert _staff_mail(tech_request).recipients == ["yinchuan-office@example.edu.cn"]


def test_new_request_goes_to_headquarters_where_no_office_works(
    submit_kwargs, no_enqueue, office_staff, other_city, django_user_model
):
    elsewhere = office_staff(city=other_city)
    elsewhere.email = "suzhou-office@example.edu.cn"
    elsewhere.save()
    _hq(django_user_model, "hq@example.edu.cn")
    _hq(django_user_model, "quiet@example.edu.cn", receives=False)

    tech_request = _submit(submit_kwargs)

    assert _staff_mail(tech_request).recipients == ["hq@example.edu.cn"]


def test_without_staff_the_triage_list_of_the_settings_is_told(submit_kwargs, no_enqueue):
    tech_request = _submit(submit_kwargs)

    assert _staff_mail(tech_request).recipients == ["triage@example.edu.cn"]


def test_new_request_nobody_was_told_of_shows_on_the_admin_home(
    submit_kwargs, no_enqueue, settings, admin_client
):
    settings.STAFF_NOTIFICATION_EMAILS = []
    tech_request = _submit(submit_kwargs)
    assert _staff_mail(tech_request) is None
    # The partner is still told the request arrived.
    assert tech_request.notifications.filter(kind=NotificationKind.PARTNER_RECEIVED).exists()

    page = admin_client.get("/admin/").content.decode()

    assert 'id="requests-nobody-told"' in page
    assert tech_request.reference in page


def test_a_told_or_triaged_request_leaves_the_admin_home(
    submit_kwargs, no_enqueue, settings, admin_client
):
    told = _submit(submit_kwargs)
    settings.STAFF_NOTIFICATION_EMAILS = []
    triaged = _submit(submit_kwargs)
    services.request_transition(
        tech_request=triaged, to_status=RequestStatus.UNDER_REVIEW, actor="staff"
    )

    page = admin_client.get("/admin/").content.decode()

    assert told.reference not in page
    assert triaged.reference not in page
    assert 'id="requests-nobody-told"' not in page
