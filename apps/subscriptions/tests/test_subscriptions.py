"""Subscribing with double opt-in, the weekly digest by each subscriber's filters and
language, and one-click unsubscribe."""

import datetime

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from apps.achievements.models import Achievement
from apps.achievements.tests.factories import AchievementFactory
from apps.events.models import ExchangeEvent
from apps.events.tests.factories import ExchangeEventFactory
from apps.regions.tests.factories import CityFactory, ProvinceFactory
from apps.subscriptions import services
from apps.subscriptions.models import Subscription

from .conftest import confirm_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    jiangsu = ProvinceFactory(code="320000", name_zh="江苏省", name_en="Jiangsu")
    ningxia = ProvinceFactory(code="640000", name_zh="宁夏回族自治区", name_en="Ningxia")
    return {
        "jiangsu": jiangsu,
        "suzhou": CityFactory(province=jiangsu, code="320500", name_zh="苏州市", name_en="Suzhou"),
        "ningxia": ningxia,
        "yinchuan": CityFactory(
            province=ningxia, code="640100", name_zh="银川市", name_en="Yinchuan"
        ),
    }


def subscribed(email, language="zh-hans", industries=(), keywords=(), provinces=()):
    """A confirmed subscription, as the form and the link leave it."""
    subscription = services.subscription_request(
        email=email,
        language=language,
        industries=industries,
        keywords=list(keywords),
        provinces=provinces,
    )
    return services.subscription_confirm(token=services.confirm_token(subscription))


def week_old(model):
    """Records made before the digest's window."""
    model.objects.update(created_at=timezone.now() - datetime.timedelta(days=30))


def test_subscribing_sends_only_a_confirmation_until_confirmed(client, places):
    response = client.post(
        "/subscriptions/",
        {
            "email": "Reader@Example.com",
            "industries": ["energy"],
            "keywords": "电池, solar",
            "provinces": ["320000"],
            "website": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/subscriptions/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reader@example.com"]
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.keywords == ["电池", "solar"]
    assert [p.code for p in subscription.provinces.all()] == ["320000"]

    # Something new that matches: still nothing to an unconfirmed address.
    AchievementFactory(title_zh="固态电池", industry="energy", city=places["suzhou"])
    assert services.digests_send() == 0
    assert len(mail.outbox) == 1

    token = confirm_token(mail.outbox[0])
    assert client.get(f"/subscriptions/confirm/{token}/").status_code == 200
    assert Subscription.objects.get().confirmed_at is None  # opening the link confirms nothing
    assert client.post(f"/subscriptions/confirm/{token}/").status_code == 200
    assert Subscription.objects.get().confirmed_at is not None

    assert call_command("send_digest") is None
    assert len(mail.outbox) == 2 and "固态电池" in mail.outbox[1].body


def test_a_subscribed_address_gets_the_same_answer_and_keeps_its_subscription(client, places):
    subscribed("reader@example.com", keywords=["电池"])
    mail.outbox.clear()
    known = client.post("/subscriptions/", {"email": "reader@example.com"}, follow=True)
    new = client.post("/subscriptions/", {"email": "new@example.com"}, follow=True)

    assert known.content == new.content
    assert [m.to for m in mail.outbox] == [["reader@example.com"], ["new@example.com"]]
    # Until the new request is confirmed, the confirmed subscription stays as it was.
    assert Subscription.objects.get(confirmed_at__isnull=False).keywords == ["电池"]


def test_digest_holds_what_each_subscriber_asked_for(places):
    AchievementFactory(title_zh="盐碱地改良技术", industry="agriculture", city=places["yinchuan"])
    AchievementFactory(title_zh="固态电池材料", industry="energy", city=places["suzhou"])
    AchievementFactory(
        title_zh="未公开的成果", industry="energy", city=places["suzhou"], is_public=False
    )
    ExchangeEventFactory(title_zh="苏州新能源对接会", city=places["suzhou"])
    ExchangeEventFactory(title_zh="银川农业技术培训", city=places["yinchuan"])

    farmer = subscribed("farmer@example.com", industries=["agriculture"])
    jiangsu = subscribed("jiangsu@example.com", provinces=[places["jiangsu"]])
    battery = subscribed("battery@example.com", keywords=["电池", "Solar"])
    nothing = subscribed("nothing@example.com", keywords=["量子"])
    everything = subscribed("all@example.com")

    assert services.digests_send() == 4
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert nothing.email not in bodies  # nothing new matched: no e-mail at all

    # Industries narrow the achievements; events, which name no industry, stay.
    assert "盐碱地改良技术" in bodies[farmer.email]
    assert "固态电池材料" not in bodies[farmer.email]
    assert "银川农业技术培训" in bodies[farmer.email]
    # Regions narrow everything.
    assert "固态电池材料" in bodies[jiangsu.email] and "苏州新能源对接会" in bodies[jiangsu.email]
    assert "盐碱地" not in bodies[jiangsu.email] and "银川" not in bodies[jiangsu.email]
    # Keywords match the public text.
    assert "固态电池材料" in bodies[battery.email]
    assert "盐碱地" not in bodies[battery.email] and "对接会" not in bodies[battery.email]
    # No filter: everything published, nothing unpublished.
    for title in ("盐碱地改良技术", "固态电池材料", "苏州新能源对接会", "银川农业技术培训"):
        assert title in bodies[everything.email]
    assert all("未公开的成果" not in body for body in bodies.values())
    assert "https://coop.example.edu.cn/achievements/" in bodies[everything.email]


def test_digest_is_sent_once_a_week_and_only_new_records(places):
    AchievementFactory(title_zh="旧成果", city=places["suzhou"])
    week_old(Achievement)
    subscribed("all@example.com")

    assert services.digests_send() == 0  # only an old record: nothing new, no e-mail
    assert mail.outbox == []

    ExchangeEventFactory(title_zh="新的对接会", city=places["suzhou"])
    assert services.digests_send() == 1
    assert "新的对接会" in mail.outbox[0].body and "旧成果" not in mail.outbox[0].body
    assert services.digests_send() == 0  # the same week again: nothing twice
    assert len(mail.outbox) == 1


def test_digest_speaks_the_subscribers_language(places):
    AchievementFactory(
        title_zh="固态电池材料", title_en="Solid-state battery materials", city=places["suzhou"]
    )
    subscribed("en@example.com", language="en")
    subscribed("zh@example.com", language="zh-hans")

    services.digests_send()
    english = next(m for m in mail.outbox if m.to == ["en@example.com"])
    chinese = next(m for m in mail.outbox if m.to == ["zh@example.com"])

    assert "Solid-state battery materials" in english.body
    assert "https://coop.example.edu.cn/en/achievements/" in english.body
    assert "This week on the cooperation portal" in english.subject
    assert "固态电池材料" in chinese.body
    assert "/en/" not in chinese.body
    assert "This week" not in chinese.subject


def test_unsubscribe_takes_one_click_and_no_sign_in(places):
    ExchangeEventFactory(title_zh="对接会", city=places["suzhou"])
    subscription = subscribed("reader@example.com")
    services.digests_send()
    message = mail.outbox[-1]
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    path = url.removeprefix("https://coop.example.edu.cn")

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(path)
    assert page.status_code == 200 and "reader@example.com" in page.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()  # opening it changes nothing

    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", without any CSRF token.
    response = browser.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert browser.post(path).status_code == 200  # twice: the same answer

    ExchangeEventFactory(title_zh="又一个对接会", city=places["suzhou"])
    ExchangeEvent.objects.update(created_at=timezone.now())
    assert services.digests_send() == 0


def test_a_tampered_or_expired_confirmation_is_refused(client, monkeypatch, places):
    client.post("/subscriptions/", {"email": "reader@example.com"})
    token = confirm_token(mail.outbox[0])
    assert client.post(f"/subscriptions/confirm/{token[:-2]}/").status_code == 400
    assert client.post(f"/subscriptions/confirm/{token}x/").status_code == 400
    # An unsubscribe link nobody signed unsubscribes nobody, and says the same as ever.
    assert client.post("/subscriptions/unsubscribe/forged:token/").status_code == 200

    four_days_ago = signing.b62_encode(int(timezone.now().timestamp()) - 4 * 86400)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: four_days_ago)
    client.post("/subscriptions/", {"email": "late@example.com"})
    late = confirm_token(mail.outbox[-1])
    assert client.post(f"/subscriptions/confirm/{late}/").status_code == 400

    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()


def test_the_form_keeps_what_was_typed_and_holds_its_limits(client, settings, places):
    settings.SUBSCRIPTION_RATE_PER_EMAIL = (2, 3600)
    bad = client.post(
        "/en/subscriptions/", {"email": "nope", "keywords": "电池", "provinces": ["320000"]}
    )
    html = bad.content.decode()
    assert bad.status_code == 200 and "Enter a whole e-mail address" in html
    assert 'value="电池"' in html and 'value="320000" ' in html and "checked" in html

    honeypot = client.post("/subscriptions/", {"email": "bot@example.com", "website": "x"})
    assert honeypot.status_code == 302 and mail.outbox == []

    answers = [
        client.post("/subscriptions/", {"email": "reader@example.com"}).status_code
        for _ in range(3)
    ]
    assert answers == [302, 302, 429]
    assert len(mail.outbox) == 2
