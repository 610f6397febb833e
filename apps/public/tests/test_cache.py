import datetime
import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from apps.agreements.tests.factories import ContractFactory
from apps.core import pagecache as cache_module
from apps.core.models import Milestone
from apps.core.pagecache import (
    CSRF_PLACEHOLDER,
    bump_version,
    cached_page,
    current_version,
    data_version_changed,
    forget_local,
)
from apps.core.tests.redis_server import OwnRedis
from apps.core.tests.waiting import READY_LIMIT, wait_until
from apps.events.tests.factories import ExchangeEventFactory
from apps.projects.models import CooperationProject
from apps.public.tests.test_pages import figures
from apps.search.services import rebuild_index

pytestmark = pytest.mark.django_db


def test_home_page_is_served_from_the_cache_until_a_record_changes(
    client, sample, django_capture_on_commit_callbacks
):
    assert figures(client.get("/en/"))["contracts"] == "5"
    with CaptureQueriesContext(connection) as queries:
        assert figures(client.get("/en/"))["contracts"] == "5"
    assert len(queries) == 0
    version = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        ContractFactory(
            number="CT-NEW",
            amount=Decimal("10.00"),
            organization=sample.soil_project.partners.get(),
        )
    assert current_version() != version
    assert figures(client.get("/en/"))["contracts"] == "6"


def test_region_page_follows_a_change_to_its_records(
    client, sample, django_capture_on_commit_callbacks
):
    assert figures(client.get("/en/regions/320000/"))["institutes"] == "1"
    with django_capture_on_commit_callbacks(execute=True):
        sample.institute.is_public = False
        sample.institute.save()
    assert figures(client.get("/en/regions/320000/"))["institutes"] == "0"


def test_a_change_that_is_rolled_back_keeps_the_cache(
    client, sample, django_capture_on_commit_callbacks
):
    client.get("/en/")
    version = current_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sample.fund.name_en = "Renamed fund"
        sample.fund.save()
    # Nothing ran: the version moves only when (and if) the transaction commits.
    assert current_version() == version
    assert callbacks


def test_a_cached_page_is_the_same_for_every_visitor_and_sets_no_cookie(sample):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_response = first.get("/")
    second_response = second.get("/")  # served from the cache
    assert first_response.content == second_response.content
    html = second_response.content.decode()
    assert CSRF_PLACEHOLDER not in html and "csrfmiddlewaretoken" not in html
    # Nothing personal: no CSRF or session cookie, so a proxy could share it too.
    assert not second_response.cookies and not second_response.has_header("Set-Cookie")
    # The language switch is a link to the same page in the other language.
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html


def test_a_cached_page_ignores_the_query_string(client, sample):
    client.get("/regions/320000/?utm_source=mail")
    html = client.get("/regions/320000/").content.decode()
    assert "utm_source" not in html


def test_list_pages_are_cached_per_query_and_follow_changes(
    client, sample, django_capture_on_commit_callbacks
):
    client.get("/projects/?province=640000")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/projects/?department=&province=640000").content.decode()
    assert len(queries) == 0  # same filters, another order and an empty field: same page
    assert sample.soil_project.title_zh in html
    assert sample.oled_project.title_zh not in html
    with django_capture_on_commit_callbacks(execute=True):
        sample.soil_project.title_zh = "盐碱地改良示范（更名）"
        sample.soil_project.save()
    assert "盐碱地改良示范（更名）" in client.get("/projects/?province=640000").content.decode()


# --------------------------------------------------------------------------- one bump per transaction


@pytest.fixture
def bumps():
    seen = []

    def count(sender, version, **kwargs):
        seen.append(version)

    data_version_changed.connect(count, dispatch_uid="test-count-bumps")
    yield seen
    data_version_changed.disconnect(dispatch_uid="test-count-bumps")


def test_a_transaction_of_two_thousand_saves_bumps_the_version_once(
    sample, bumps, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for number in range(2000):
            Milestone.objects.create(
                happened_on=datetime.date(1990, 1, 1), title_zh=f"里程碑{number}"
            )
    assert len(bumps) == 1


def test_queryset_update_and_bulk_create_invalidate_the_pages(
    client, sample, bumps, django_capture_on_commit_callbacks
):
    assert sample.soil_project.title_zh in client.get("/projects/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        CooperationProject.objects.filter(pk=sample.soil_project.pk).update(title_zh="改名的项目")
    assert len(bumps) == 1
    assert "改名的项目" in client.get("/projects/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        Milestone.objects.bulk_create(
            [Milestone(happened_on=datetime.date(1991, 1, 1), title_zh="批量里程碑")]
        )
    assert len(bumps) == 2


def test_a_write_outside_the_public_records_does_not_invalidate(
    sample, bumps, django_capture_on_commit_callbacks, django_user_model
):
    with django_capture_on_commit_callbacks(execute=True):
        django_user_model.objects.create(username="someone")
    assert bumps == []


# --------------------------------------------------------------------------- stampede


def _slow():
    time.sleep(0.3)  # a slow rendering, so that the others arrive while it runs


def _render_counting(renders, hold=_slow):
    def render_page(version, shared):
        renders.append(version)
        hold()
        return HttpResponse(f"<p>page of version {version}</p>")

    return render_page


def _visit_together(count, render_page, answered=lambda: None):
    barrier = threading.Barrier(count)

    def visit(_):
        barrier.wait()
        content = cached_page(RequestFactory().get("/stampede/"), "stampede", render_page).content
        answered()
        return content

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(visit, range(count)))


def test_sixteen_requests_after_a_change_rebuild_once_and_get_the_previous_page(db):
    renders = []
    answered, lock, others_answered = [0], threading.Lock(), threading.Event()

    def one_answered():
        with lock:
            answered[0] += 1
            if answered[0] == 15:
                others_answered.set()

    def hold():
        # The rebuild goes on until the fifteen others have their page, however slowly the
        # machine runs them: none of them may wait for it.
        if len(renders) > 1:
            others_answered.wait(READY_LIMIT)

    render_page = _render_counting(renders, hold)
    cached_page(RequestFactory().get("/stampede/"), "stampede", render_page)
    before = renders[0]
    bump_version()

    bodies = _visit_together(16, render_page, one_answered)

    assert len(renders) == 2  # the first rendering and one rebuild
    after = renders[1]
    assert bodies.count(f"<p>page of version {after}</p>".encode()) == 1
    assert bodies.count(f"<p>page of version {before}</p>".encode()) == 15


def test_a_cached_page_keeps_the_space_between_inline_elements(db):
    def render_page(version, context):
        return HttpResponse("<p>\n  <mark>organic</mark> <mark>light-emitting</mark>\n</p>")

    body = cached_page(RequestFactory().get("/spaces/"), "spaces", render_page).content

    assert body == b"<p> <mark>organic</mark> <mark>light-emitting</mark> </p>"


def test_sixteen_requests_on_a_cold_cache_wait_for_one_rendering(db):
    renders = []
    bodies = _visit_together(16, _render_counting(renders))

    assert len(renders) == 1
    assert set(bodies) == {f"<p>page of version {renders[0]}</p>".encode()}


# --------------------------------------------------------------------------- flooding


def _page_keys():
    client = cache._cache.get_client()
    return set(client.scan_iter(match="*public:page:*:list:events*"))


def test_unknown_query_parameters_make_no_new_cache_keys(client, sample):
    client.get("/events/?kind=fair")
    keys = _page_keys()

    for _ in range(200):
        response = client.get(f"/events/?kind=fair&utm={uuid.uuid4().hex}&fbclid=x")
        assert response.status_code == 200
    assert _page_keys() == keys
    # Recognised parameters in another order, repeated or empty: still the same page.
    client.get("/events/?department=&kind=fair&kind=fair")
    # Values no filter can take: as if absent, the page of "fair" events again.
    for value in range(20):
        html = client.get(f"/events/?kind=fair&kind=k{value}&year=-{value}&when=w{value}")
        assert html.status_code == 200
    assert "苏州科技成果对接会" in html.content.decode()
    assert _page_keys() == keys


def test_page_numbers_beyond_reason_are_refused_and_nonsense_is_page_one(client, sample):
    client.get("/events/")
    keys = _page_keys()
    for page in ("-5", "0", "abc", "1", "1.5"):
        assert client.get(f"/events/?page={page}").status_code == 200
    assert _page_keys() == keys
    assert client.get("/events/?page=99999999999999").status_code == 404


# --------------------------------------------------------------------------- Redis outage


def test_a_change_committed_while_redis_was_unreachable_shows_once_it_is_back(
    client, sample, settings, tmp_path, django_capture_on_commit_callbacks
):
    server = OwnRedis(tmp_path).start()
    settings.CACHES = {
        "default": {
            "BACKEND": "apps.core.cache_backend.ResilientRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "BREAK_SECONDS": 0.2},
        }
    }
    try:
        forget_local()
        assert sample.soil_project.title_en in client.get("/en/projects/").content.decode()

        server.stop(keep=True)  # unreachable, its keys kept: the old version and its pages
        with django_capture_on_commit_callbacks(execute=True):
            CooperationProject.objects.filter(pk=sample.soil_project.pk).update(
                title_en="Renamed while Redis was away"
            )
        server.start()
        time.sleep(0.25)  # the breaker's pause
        assert server.keys("*public:page:*")

        assert "Renamed while Redis was away" in client.get("/en/projects/").content.decode()
    finally:
        server.stop()
        forget_local()


def without_token(html):
    # Each response masks the visitor's CSRF token afresh.
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html)


def test_anonymous_search_is_shared_per_version_and_never_for_signed_in_users(
    client, sample, django_capture_on_commit_callbacks, django_user_model
):
    with django_capture_on_commit_callbacks(execute=True):
        event = ExchangeEventFactory(
            code="oled-1", title_zh="有机发光对接会", title_en="OLED fair", province=sample.jiangsu
        )
    rebuild_index()
    first = client.get("/en/search/", {"q": "OLED"}).content.decode()
    assert "<mark>OLED</mark> fair" in first
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/en/search/", {"q": " OLED", "utm_source": "mail"}).content.decode()
    assert (without_token(again), len(queries)) == (without_token(first), 0)
    assert "utm_source" not in again

    with django_capture_on_commit_callbacks(execute=True):
        event.title_en = "OLED show"
        event.save()
    rebuild_index()
    assert "<mark>OLED</mark> show" in client.get("/en/search/", {"q": "OLED"}).content.decode()

    client.force_login(django_user_model.objects.create_user(username="reader", password=None))
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/search/", {"q": "OLED"})
    assert len(queries) > 0


def test_search_reads_uncommitted_records_around_the_cache(client, sample):
    ExchangeEventFactory(
        code="oled-2", title_zh="有机发光对接会", title_en="OLED fair", province=sample.jiangsu
    )
    rebuild_index()
    with CaptureQueriesContext(connection) as queries:
        assert "<mark>OLED</mark> fair" in client.get("/en/search/", {"q": "OLED"}).content.decode()
    assert len(queries) > 0
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/search/", {"q": "OLED"})
    assert len(queries) > 0


def test_a_process_builds_one_value_at_a_time_and_a_nested_build_keeps_its_slot(db):
    """Threads of one worker building different pages take turns; one answering from the
    cache does not wait for them; a build that builds another value does not deadlock."""
    version = current_version()
    running, most = [0], [0]
    lock = threading.Lock()

    release = threading.Event()

    def slow_build(name):
        def build():
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            release.wait(READY_LIMIT)  # builds until the test has read from the cache
            with lock:
                running[0] -= 1
            return f"{name}".encode(), True

        return build

    cache_module._versioned("public:test:warm", version, lambda: (b"warm", True))
    threads = [
        threading.Thread(
            target=cache_module._versioned,
            args=(f"public:test:{n}", version, slow_build(n)),
        )
        for n in range(4)
    ]
    for thread in threads:
        thread.start()
    wait_until(lambda: running[0] == 1, what="no build started")
    value, kept = cache_module._versioned("public:test:warm", version, slow_build("again"))
    assert (value, kept) == (b"warm", True)
    assert running[0] == 1  # served while a build holds the process's slot
    release.set()
    for thread in threads:
        thread.join()
    assert most[0] == 1

    def outer():
        inner, _kept = cache_module._versioned("public:test:inner", version, slow_build("in"))
        return b"outer+" + inner, True

    assert cache_module._versioned("public:test:outer", version, outer) == (b"outer+in", True)
