"""Redis stopped: the public site and the request form go on working (from the database), and
the cache comes back by itself when Redis does.

The live server uses a redis-server of this test's own (never the shared one), as its cache
and its Celery broker, so the test can stop and start it.
"""

import pytest
from kombu import pools

from apps.core.pagecache import forget_local
from apps.core.tests.redis_server import OwnRedis
from apps.public.tests.sample import build_sample
from apps.requests.models import Notification, TechRequest
from apps.requests.tests.test_browser import fill_form
from tsinghua_coop.celery import app

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BREAK_SECONDS = 1.0


def use_broker(url):
    for key in ("broker_url", "CELERY_BROKER_URL"):
        app.conf[key] = url
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def own_redis(tmp_path, settings):
    server = OwnRedis(tmp_path).start()
    settings.CACHES = {
        "default": {
            "BACKEND": "apps.core.cache_backend.ResilientRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 1.0,
                "BREAK_SECONDS": BREAK_SECONDS,
            },
        }
    }
    saved_broker = app.conf.broker_url
    use_broker(server.url)
    forget_local()
    yield server
    use_broker(saved_broker)
    server.stop()
    forget_local()


def cached_pages(server):
    return server.keys("*public:page:*")


def test_with_redis_stopped_pages_and_the_form_work_and_caching_resumes_after(
    live_server, page, own_redis
):
    sample = build_sample()
    url = live_server.url
    page.goto(f"{url}/")
    assert page.locator("h1").inner_text() == "清华大学地方合作概况"
    assert cached_pages(own_redis)

    own_redis.stop()
    forget_local()
    for path, heading in [
        ("/", "清华大学地方合作概况"),
        ("/regions/320000/", "江苏省"),
        ("/events/?kind=fair", None),
        ("/en/projects/", None),
    ]:
        response = page.goto(f"{url}{path}")
        assert response.status == 200, path
        if heading:
            assert page.locator("h1").inner_text() == heading
    assert sample.oled_project.title_en in page.content()

    page.goto(f"{url}/requests/")
    fill_form(page, sample.ningxia, sample.yinchuan)
    page.fill("#id_phone", "0951-1234567")
    page.click("#submit-request")
    page.wait_for_url("**/requests/thanks/")
    tech_request = TechRequest.objects.get()
    assert tech_request.reference in page.content()
    # The e-mails wait in the outbox for the sweep (apps/requests/tests/test_celery.py shows
    # them delivered once the broker is back).
    notifications = Notification.objects.filter(request=tech_request)
    assert notifications.exists()
    assert not notifications.filter(sent_at__isnull=False).exists()

    own_redis.start()
    page.wait_for_timeout(BREAK_SECONDS * 1000 + 200)
    forget_local()
    assert page.goto(f"{url}/regions/320000/").status == 200
    assert any(b"province:320000" in key for key in cached_pages(own_redis))
