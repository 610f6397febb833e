"""Sign-in by e-mail link: it works once, in time, untampered; the form tells nobody which
addresses are known, and holds its limits."""

import datetime

import pytest
from django.core import mail, signing
from django.utils import timezone

from apps.partnerportal.models import SignInLink
from apps.partnerportal.services import SESSION_KEY

from .conftest import link_token, sign_in

pytestmark = pytest.mark.django_db


def test_a_known_partner_gets_a_link_that_signs_in_once(client, acme):
    response = client.post("/partner/sign-in/", {"email": "LI@acme.example ", "website": ""})

    assert response.status_code == 302 and response["Location"] == "/partner/sign-in/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["li@acme.example"]
    token = link_token(message)
    assert f"https://coop.example.edu.cn/partner/sign-in/{token}/" in message.body
    assert "30" in message.body

    # Opening the link (as a mail scanner would) uses nothing; the button signs in.
    landing = client.get(f"/partner/sign-in/{token}/")
    assert landing.status_code == 200 and "li@acme.example" in landing.content.decode()
    signed_in = client.post(f"/partner/sign-in/{token}/")
    assert signed_in.status_code == 302 and signed_in["Location"] == "/partner/"
    page = client.get("/partner/")
    assert page.status_code == 200 and "苏州精密制造有限公司" in page.content.decode()
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]

    # The same link a second time, in this browser or another: refused.
    assert client.post(f"/partner/sign-in/{token}/").status_code == 400
    other = client.__class__()
    assert other.post(f"/partner/sign-in/{token}/").status_code == 400
    assert other.get("/partner/").status_code == 302


def test_the_database_keeps_no_working_link(client, acme):
    client.post("/partner/sign-in/", {"email": "li@acme.example"})
    token = link_token(mail.outbox[0])
    link = SignInLink.objects.get()
    assert token not in link.nonce_hash and link.nonce_hash not in token
    nonce = signing.TimestampSigner(salt="apps.partnerportal.signin-link").unsign(token)
    assert len(nonce) >= 43  # 32 random bytes, url-safe base64: 256 bits


def test_an_expired_link_is_refused(client, acme):
    client.post("/partner/sign-in/", {"email": "li@acme.example"})
    token = link_token(mail.outbox[0])
    now = timezone.now()
    SignInLink.objects.update(
        created_at=now - datetime.timedelta(minutes=31),
        expires_at=now - datetime.timedelta(minutes=1),
    )

    response = client.post(f"/partner/sign-in/{token}/")

    assert response.status_code == 400
    assert "no longer works" in response.content.decode() or "已失效" in response.content.decode()
    assert client.get("/partner/").status_code == 302


def test_a_link_whose_signature_is_older_than_the_setting_is_refused(
    client, acme, settings, monkeypatch
):
    old = signing.b62_encode(int(timezone.now().timestamp()) - 31 * 60)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: old)
    client.post("/partner/sign-in/", {"email": "li@acme.example"})
    token = link_token(mail.outbox[0])

    assert client.post(f"/partner/sign-in/{token}/").status_code == 400
    assert SignInLink.objects.get().used_at is None


def test_a_tampered_link_is_refused(client, acme):
    client.post("/partner/sign-in/", {"email": "li@acme.example"})
    token = link_token(mail.outbox[0])
    nonce, timestamp, signature = token.split(":")
    tampered = [
        f"{nonce[:-1]}{'A' if nonce[-1] != 'A' else 'B'}:{timestamp}:{signature}",
        f"{nonce}:{timestamp}:{signature[:-2]}",
        nonce,
        "x" * 80,
    ]
    for bad in tampered:
        assert client.get(f"/partner/sign-in/{bad}/").status_code == 400
        assert client.post(f"/partner/sign-in/{bad}/").status_code == 400
    assert client.get("/partner/").status_code == 302
    # The real link still works afterwards.
    assert client.post(f"/partner/sign-in/{token}/").status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, acme):
    known = client.post("/partner/sign-in/", {"email": "li@acme.example"}, follow=True)
    unknown = client.post("/partner/sign-in/", {"email": "nobody@else.example"}, follow=True)

    assert [r[0] for r in known.redirect_chain] == [r[0] for r in unknown.redirect_chain]
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    assert [m.to for m in mail.outbox] == [["li@acme.example"]]
    assert not SignInLink.objects.filter(email="nobody@else.example").exists()


def test_an_unconfirmed_address_that_sent_a_request_may_sign_in(client, acme):
    from apps.partners.models import PartnerContact
    from apps.requests.tests.factories import TechRequestFactory

    PartnerContact.objects.create(organization=acme, email="new@acme.example", confirmed=False)
    TechRequestFactory(email="New@acme.example", title="废水处理")

    sign_in(client, "new@acme.example")
    page = client.get("/partner/").content.decode()

    assert "废水处理" in page
    assert "苏州精密制造有限公司" not in page  # not confirmed: the organization stays closed


def test_the_form_is_limited_per_address_and_per_network(client, acme, settings):
    settings.PARTNER_SIGNIN_RATE_PER_EMAIL = (2, 3600)
    settings.PARTNER_SIGNIN_RATE_PER_IP = (4, 3600)
    answers = [
        client.post("/partner/sign-in/", {"email": "li@acme.example"}).status_code for _ in range(3)
    ]
    assert answers == [302, 302, 429]
    assert len(mail.outbox) == 2
    # Other addresses from the same network: the network's limit holds.
    answers = [
        client.post("/partner/sign-in/", {"email": f"p{n}@x.example"}).status_code for n in range(2)
    ]
    assert answers == [302, 429]
    # Another network may still ask for other addresses.
    elsewhere = client.post(
        "/partner/sign-in/", {"email": "q@x.example"}, REMOTE_ADDR="203.0.113.9"
    )
    assert elsewhere.status_code == 302


def test_the_honeypot_answers_as_usual_and_sends_nothing(client, acme):
    response = client.post(
        "/partner/sign-in/", {"email": "li@acme.example", "website": "http://spam.example"}
    )
    assert response.status_code == 302 and response["Location"] == "/partner/sign-in/sent/"
    assert mail.outbox == []


def test_a_bad_address_is_told_in_the_users_language_and_kept(client):
    response = client.post("/en/partner/sign-in/", {"email": "not-an-address"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a whole e-mail address" in page
    assert 'value="not-an-address"' in page

    chinese = client.post("/partner/sign-in/", {"email": "not-an-address"}).content.decode()
    assert "请输入完整的电子邮件地址" in chinese


def test_partner_session_is_not_a_staff_login_and_signs_out(client, acme):
    sign_in(client, "li@acme.example")
    assert client.session[SESSION_KEY]["email"] == "li@acme.example"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302

    assert client.post("/partner/sign-out/").status_code == 302
    assert client.get("/partner/").status_code == 302
    assert SESSION_KEY not in client.session


def test_english_link_leads_to_the_english_page(client, acme):
    client.post("/en/partner/sign-in/", {"email": "li@acme.example"})
    message = mail.outbox[0]
    token = link_token(message)
    assert f"/en/partner/sign-in/{token}/" in message.body
    assert "sign-in link" in message.subject
