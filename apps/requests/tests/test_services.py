import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.agreements.tests.factories import ContractFactory
from apps.core.tests.factories import DepartmentFactory
from apps.offices.tests.factories import CooperationOfficeFactory
from apps.projects.tests.factories import CooperationProjectFactory
from apps.requests import services
from apps.requests.choices import (
    TRANSITIONS,
    Actor,
    MessageVisibility,
    NotificationKind,
    RequestStatus,
)
from apps.requests.models import Notification, StatusChange, TechRequest
from apps.requests.selectors import request_for_tracking_token

from .conftest import executable_bytes, pdf_bytes

pytestmark = pytest.mark.django_db
S = RequestStatus


def test_submit_saves_request_audit_row_and_two_outbox_emails(submit_kwargs, no_enqueue):
    attachment = SimpleUploadedFile("方案.pdf", pdf_bytes(), content_type="application/pdf")

    submission = services.request_submit(
        submission_key="k1", attachments=[attachment], **submit_kwargs
    )

    tech_request = submission.request
    assert submission.created
    assert tech_request.reference.startswith("TR20")
    assert tech_request.status == S.SUBMITTED
    assert [(c.from_status, c.to_status, c.actor) for c in tech_request.status_changes.all()] == [
        ("", S.SUBMITTED, Actor.PARTNER)
    ]
    stored = tech_request.attachments.get()
    assert stored.original_name == "方案.pdf"
    assert stored.content_type == "application/pdf"
    assert stored.file.name.endswith(".pdf") and "方案" not in stored.file.name
    kinds = dict(tech_request.notifications.values_list("kind", "recipients"))
    assert kinds == {
        NotificationKind.PARTNER_RECEIVED: ["ma@example.com"],
        NotificationKind.STAFF_NEW_REQUEST: ["triage@example.edu.cn"],
    }


def test_submit_enqueues_only_after_commit(
    submit_kwargs, no_enqueue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.request_submit(submission_key="k-commit", **submit_kwargs)
        assert no_enqueue == []
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert sorted(no_enqueue) == sorted(Notification.objects.values_list("pk", flat=True))


def test_second_submission_with_the_same_key_returns_the_first(submit_kwargs, no_enqueue):
    first = services.request_submit(submission_key="same", **submit_kwargs)
    second = services.request_submit(submission_key="same", **submit_kwargs)

    assert second.request.pk == first.request.pk
    assert not second.created
    assert TechRequest.objects.count() == 1
    assert Notification.objects.count() == 2


def test_submit_rejects_an_executable_and_saves_nothing(submit_kwargs, no_enqueue):
    renamed = SimpleUploadedFile("report.pdf", executable_bytes(), content_type="application/pdf")

    with pytest.raises(ValidationError) as raised:
        services.request_submit(submission_key="exe", attachments=[renamed], **submit_kwargs)

    assert raised.value.error_list[0].code == "file_type"
    assert not TechRequest.objects.exists()


def test_submit_requires_consent(submit_kwargs, no_enqueue):
    submit_kwargs["consent_to_contact"] = False
    with pytest.raises(ValidationError):
        services.request_submit(submission_key="no-consent", **submit_kwargs)
    assert not TechRequest.objects.exists()


def test_city_must_be_in_the_province(submit_kwargs, other_city, no_enqueue):
    submit_kwargs["city"] = other_city
    with pytest.raises(ValidationError) as raised:
        services.request_submit(submission_key="wrong-city", **submit_kwargs)
    assert "city" in raised.value.message_dict


def test_tracking_token_finds_the_request_and_only_its_hash_is_stored(submitted):
    token = services.request_tracking_token(tech_request=submitted)

    assert len(token) >= 43
    assert request_for_tracking_token(token) == submitted
    assert token not in str(TechRequest.objects.filter(pk=submitted.pk).values().get())
    assert request_for_tracking_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None


@pytest.mark.parametrize(
    "from_status",
    [
        S.SUBMITTED,
        S.UNDER_REVIEW,
        S.MATCHED,
        S.IN_NEGOTIATION,
        S.CONTRACTED,
        S.DECLINED,
        S.WITHDRAWN,
    ],
)
def test_only_the_listed_transitions_are_allowed(from_status):
    tech_request = TechRequest(
        status=from_status,
        assigned_department_id=1,
        contract_id=1,
    )
    for to_status in S.values:
        allowed = to_status in TRANSITIONS[from_status]
        if allowed:
            services.check_transition(
                tech_request=tech_request, to_status=to_status, actor=Actor.STAFF
            )
        else:
            with pytest.raises(ValidationError):
                services.check_transition(
                    tech_request=tech_request, to_status=to_status, actor=Actor.STAFF
                )


def test_partner_may_only_withdraw(submitted):
    with pytest.raises(ValidationError):
        services.request_transition(
            tech_request=submitted, to_status=S.UNDER_REVIEW, actor=Actor.PARTNER
        )
    services.request_transition(
        tech_request=submitted, to_status=S.WITHDRAWN, actor=Actor.PARTNER, message="已自行解决"
    )
    submitted.refresh_from_db()
    assert submitted.status == S.WITHDRAWN
    assert submitted.first_response_at is None
    assert submitted.messages.get().visibility == MessageVisibility.FROM_PARTNER
    withdrawn_mail = submitted.notifications.get(kind=NotificationKind.STAFF_WITHDRAWN)
    assert withdrawn_mail.recipients == ["triage@example.edu.cn"]
    assert not submitted.notifications.filter(kind=NotificationKind.PARTNER_STATUS).exists()


def test_matching_needs_an_assignment_and_contracting_needs_a_result(submitted, staff_user):
    services.request_transition(
        tech_request=submitted, to_status=S.UNDER_REVIEW, actor=Actor.STAFF, user=staff_user
    )
    with pytest.raises(ValidationError) as raised:
        services.request_transition(
            tech_request=submitted, to_status=S.MATCHED, actor=Actor.STAFF, user=staff_user
        )
    assert raised.value.code == "needs_assignment"
    services.request_assign(tech_request=submitted, user=staff_user, department=DepartmentFactory())
    services.request_transition(
        tech_request=submitted, to_status=S.MATCHED, actor=Actor.STAFF, user=staff_user
    )
    services.request_transition(
        tech_request=submitted, to_status=S.IN_NEGOTIATION, actor=Actor.STAFF, user=staff_user
    )
    with pytest.raises(ValidationError) as raised:
        services.request_transition(
            tech_request=submitted, to_status=S.CONTRACTED, actor=Actor.STAFF, user=staff_user
        )
    assert raised.value.code == "needs_result"
    services.request_link_result(tech_request=submitted, contract=ContractFactory())
    services.request_transition(
        tech_request=submitted, to_status=S.CONTRACTED, actor=Actor.STAFF, user=staff_user
    )
    assert list(
        StatusChange.objects.filter(request=submitted).values_list("to_status", flat=True)
    ) == [S.SUBMITTED, S.UNDER_REVIEW, S.MATCHED, S.IN_NEGOTIATION, S.CONTRACTED]
    submitted.refresh_from_db()
    assert submitted.first_response_at is not None
    assert submitted.matched_at is not None
    # The contract cannot be unlinked while the request stands as contracted.
    with pytest.raises(ValidationError):
        services.request_link_result(tech_request=submitted, contract=None)


def test_partner_is_emailed_status_changes_in_their_language(submit_kwargs, no_enqueue, staff_user):
    submit_kwargs["language"] = "en"
    tech_request = services.request_submit(submission_key="en", **submit_kwargs).request
    services.request_transition(
        tech_request=tech_request,
        to_status=S.UNDER_REVIEW,
        actor=Actor.STAFF,
        user=staff_user,
        message="We are looking for experts in soil science.",
    )
    status_mail = tech_request.notifications.get(kind=NotificationKind.PARTNER_STATUS)
    assert status_mail.language == "en"
    assert status_mail.message.visibility == MessageVisibility.SHARED
    assert status_mail.recipients == ["ma@example.com"]


def test_internal_note_is_not_sent_to_anyone(submitted, staff_user):
    before = submitted.notifications.count()
    services.request_add_message(
        tech_request=submitted,
        body="预算偏低，先不回复",
        visibility=MessageVisibility.INTERNAL,
        user=staff_user,
    )
    assert submitted.notifications.count() == before
    submitted.refresh_from_db()
    assert submitted.first_response_at is None


def test_shared_message_counts_as_first_response(submitted, staff_user):
    services.request_add_message(
        tech_request=submitted,
        body="您好，已收到。",
        visibility=MessageVisibility.SHARED,
        user=staff_user,
    )
    submitted.refresh_from_db()
    assert submitted.first_response_at is not None
    assert submitted.notifications.filter(kind=NotificationKind.PARTNER_MESSAGE).count() == 1


def test_assigning_a_staff_member_tells_them(submitted, staff_user, django_user_model):
    colleague = django_user_model.objects.create_user(
        "li", email="li@example.edu.cn", password="x", is_staff=True
    )
    office = CooperationOfficeFactory()
    services.request_assign(
        tech_request=submitted, user=staff_user, office=office, assignee=colleague
    )

    submitted.refresh_from_db()
    assert submitted.assigned_office == office
    mail = submitted.notifications.get(kind=NotificationKind.STAFF_ASSIGNED)
    assert mail.recipients == ["li@example.edu.cn"]
    # From now on the partner's messages go to the assignee rather than the triage list.
    services.request_add_message(
        tech_request=submitted, body="请问进展如何？", visibility=MessageVisibility.FROM_PARTNER
    )
    assert submitted.notifications.get(kind=NotificationKind.STAFF_PARTNER_MESSAGE).recipients == [
        "li@example.edu.cn"
    ]


def test_accepting_a_project_suggestion_assigns_its_department(submitted, staff_user):
    project = CooperationProjectFactory()
    services.request_accept_suggestion(
        tech_request=submitted, kind="project", object_id=project.pk, user=staff_user
    )
    submitted.refresh_from_db()
    assert submitted.assigned_department == project.department


def test_references_are_unique_and_increasing(submit_kwargs, no_enqueue):
    references = [
        services.request_submit(submission_key=uuid.uuid4().hex, **submit_kwargs).request.reference
        for _ in range(3)
    ]
    assert len(set(references)) == 3
    assert references == sorted(references)


def test_files_of_a_failed_submission_do_not_stay_behind(
    submit_kwargs, no_enqueue, monkeypatch, attachments_root
):
    def broken_outbox(*args, **kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(services, "_notify", broken_outbox)
    upload = SimpleUploadedFile("方案.pdf", pdf_bytes())

    with pytest.raises(RuntimeError):
        services.request_submit(submission_key="fails", attachments=[upload], **submit_kwargs)

    assert not TechRequest.objects.exists()
    stored = [path for path in Path(attachments_root).rglob("*") if path.is_file()]
    assert stored == []
