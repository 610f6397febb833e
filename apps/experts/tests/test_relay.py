"""A partner's message to an expert: saved before it is relayed, relayed on commit to the
expert with a copy to staff, the expert's address never shown to the sender; the honeypot,
the rate limit and hostile text."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.experts import services
from apps.experts.models import ExpertMessage
from apps.experts.tests.factories import ExpertFactory, ExpertMessageFactory
from apps.experts.views import MESSAGE_RATE

pytestmark = pytest.mark.django_db

TYPED = {
    "sender_name": "李明",
    "organization": "苏州某新能源有限公司",
    "email": "liming@partner.example.com",
    "body": "我们希望就固态电池电解质的中试合作进行交流，请问是否方便安排一次线上会议？",
}


@pytest.fixture
def expert():
    return ExpertFactory(name_zh="韩雪", email="han.xue@mails.example.edu.cn")


def contact_url(expert, prefix=""):
    return prefix + reverse("experts:contact", args=[expert.code])


def test_the_message_is_saved_then_relayed_when_the_transaction_commits(
    client, expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(contact_url(expert), TYPED)

    assert response.status_code == 302
    assert response["Location"] == reverse("experts:sent", args=[expert.code])
    message = ExpertMessage.objects.get()
    assert (message.expert, message.body, message.relayed_at) == (expert, TYPED["body"], None)
    assert mail.outbox == []
    assert callbacks

    for callback in callbacks:
        callback()

    message.refresh_from_db()
    assert message.relayed_at is not None
    to_expert, staff_copy = mail.outbox
    assert to_expert.to == ["han.xue@mails.example.edu.cn"]
    assert to_expert.reply_to == ["liming@partner.example.com"]
    assert TYPED["body"] in to_expert.body
    assert "苏州某新能源有限公司" in to_expert.subject
    assert staff_copy.to == ["coop-staff@example.edu.cn"]
    assert TYPED["body"] in staff_copy.body


def test_the_sender_never_sees_the_experts_address(
    client, expert, django_capture_on_commit_callbacks
):
    detail = client.get(reverse("public:expert_detail", args=[expert.code]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_url(expert), TYPED, follow=True)

    for page in (detail, response):
        assert "han.xue" not in page.content.decode()
    assert "韩雪" in response.content.decode()
    assert len(mail.outbox) == 2


def test_nothing_is_relayed_when_the_save_rolls_back(expert, django_capture_on_commit_callbacks):
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks() as callbacks:
        from django.db import transaction

        with transaction.atomic():
            services.expert_message_send(expert=expert, language="zh-hans", **TYPED)
            raise RuntimeError("rolled back")

    assert callbacks == []
    assert ExpertMessage.objects.count() == 0
    assert mail.outbox == []


def test_a_message_is_relayed_once_however_often_asked(expert):
    message = ExpertMessageFactory(expert=expert)

    assert services.expert_message_relay(message_id=message.pk) is True
    assert services.expert_message_relay(message_id=message.pk) is False
    assert len(mail.outbox) == 2


def test_a_failed_relay_is_kept_on_the_row(expert, monkeypatch):
    message = ExpertMessageFactory(expert=expert)

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert services.expert_message_relay(message_id=message.pk) is False

    message.refresh_from_db()
    assert (message.relayed_at, message.relay_attempts) == (None, 1)
    assert "SMTP down" in message.last_error


def test_a_filled_honeypot_saves_nothing(client, expert):
    response = client.post(contact_url(expert), {**TYPED, "website": "http://spam.example"})

    assert response.status_code == 400
    assert ExpertMessage.objects.count() == 0
    assert mail.outbox == []


def test_the_rate_limit_holds_per_address(client, expert):
    limit, _window = MESSAGE_RATE
    for _ in range(limit):
        assert client.post(contact_url(expert), TYPED).status_code == 302

    refused = client.post(contact_url(expert), TYPED)
    other = client.post(contact_url(expert), TYPED, REMOTE_ADDR="198.51.100.7")

    assert refused.status_code == 429
    assert "稍后" in refused.content.decode()
    assert other.status_code == 302
    assert ExpertMessage.objects.count() == limit + 1


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("body", "你好\x00世界", "控制字符"),
        ("body", "请查收附件\u202efdp.exe", "U+202E"),
        ("sender_name", "=cmd|' /C calc'!A0", "="),
        ("organization", "@SUM(1+1)*cmd", "@"),
        ("body", "长" * 100_000, "5000"),
    ],
)
def test_hostile_text_is_refused_with_a_clear_error_keeping_what_was_typed(
    client, expert, field, value, error
):
    response = client.post(contact_url(expert), {**TYPED, field: value})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in page
    assert error in page
    assert TYPED["organization" if field != "organization" else "sender_name"] in page
    assert ExpertMessage.objects.count() == 0
    assert mail.outbox == []


def test_the_errors_are_in_english_on_the_english_page(client, expert):
    response = client.post(contact_url(expert, "/en"), {**TYPED, "body": "长" * 100_000})

    page = response.content.decode()
    assert "Shorten your message to at most 5000 characters (it has 100000)." in page


def test_script_tags_are_escaped_on_the_page_and_sent_as_plain_text(
    client, expert, django_capture_on_commit_callbacks
):
    hostile = "<script>alert('x')</script> 请联系我"
    refused = client.post(contact_url(expert), {**TYPED, "body": hostile, "email": "not-mail"})

    assert "<script>alert" not in refused.content.decode()
    assert "&lt;script&gt;alert" in refused.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(contact_url(expert), {**TYPED, "body": hostile})
    assert sent.status_code == 302
    to_expert = mail.outbox[0]
    assert hostile in to_expert.body
    assert to_expert.content_subtype == "plain"


def test_a_get_of_the_form_address_leads_to_the_page(client, expert):
    response = client.get(contact_url(expert))

    assert response.status_code == 302
    assert response["Location"].endswith(f"/experts/{expert.code}/#contact")


@pytest.mark.django_db(transaction=True)
def test_a_message_moves_no_public_page_and_queues_no_figures_rebuild(client, expert):
    """Anyone may send messages: they must not force every public page and the figures to be
    rebuilt (the message table feeds no public page)."""
    from django.db import connection

    from apps.core.pagecache import current_version, domain_tables
    from apps.figures.changes import watched_tables
    from apps.figures.models import PendingChange

    table = ExpertMessage._meta.db_table
    assert table not in watched_tables() and table not in domain_tables()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relname = %s AND NOT t.tgisinternal",
            [table],
        )
        assert cursor.fetchone()[0] == 0
    version, pending = current_version(), PendingChange.objects.count()

    assert client.post(contact_url(expert), TYPED).status_code == 302

    assert ExpertMessage.objects.count() == 1
    assert current_version() == version
    assert PendingChange.objects.count() == pending
