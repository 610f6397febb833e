"""Staff keep experts in the admin and see the partners' messages, which they cannot edit."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.experts.tests.factories import ExpertFactory, ExpertMessageFactory

pytestmark = pytest.mark.django_db


def test_staff_open_the_list_and_an_experts_page_with_the_address(admin_client):
    expert = ExpertFactory(email="kept.for.staff@mails.example.edu.cn")

    listing = admin_client.get(reverse("admin:experts_expert_changelist"))
    change = admin_client.get(reverse("admin:experts_expert_change", args=[expert.pk]))

    assert listing.status_code == 200
    assert expert.name_zh in listing.content.decode()
    assert change.status_code == 200
    assert "kept.for.staff@mails.example.edu.cn" in change.content.decode()


def test_messages_are_read_only_and_relayed_again_once(admin_client):
    message = ExpertMessageFactory()
    url = reverse("admin:experts_expertmessage_changelist")

    assert admin_client.get(url).status_code == 200
    assert admin_client.get(reverse("admin:experts_expertmessage_add")).status_code == 403
    for _ in range(2):
        admin_client.post(
            url, {"action": "relay_again", "_selected_action": [message.pk]}, follow=True
        )

    message.refresh_from_db()
    assert message.relayed_at is not None
    assert len(mail.outbox) == 2
