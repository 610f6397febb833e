import datetime
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings

from apps.accounts.models import Role, StaffProfile
from apps.core.tests.waiting import BROWSER_TIMEOUT_MS
from apps.demo.demo import demo_load
from apps.regions.services import geography_load
from apps.regions.tests.factories import CityFactory

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = Path(__file__).resolve().parent / "screenshots"
DEMO_TODAY = datetime.date(2026, 11, 27)


# --- Parallel runs (pytest-xdist, ``-n 2`` in scripts/test) ---------------------------------
# Each worker has a test database of its own (pytest-django adds "_gw0", "_gw1", …) and a
# Redis database of its own: the tests clear the cache (FLUSHDB), purge Celery's queues and run
# a real Celery worker, which must not see the other worker's keys and tasks.


def redis_url_for_worker(url, index):
    """The configured Redis URL with its database number moved up by the worker's index."""
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) + index
    return urlunsplit(parts._replace(path=f"/{database}"))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config, specs):
    """Runs in the controlling process before the workers start: each worker's environment gets
    its own Redis database, read by the settings when the worker starts Django."""
    if not settings.REDIS_URL:
        return
    for index, spec in enumerate(specs):
        url = redis_url_for_worker(settings.REDIS_URL, index)
        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except redis.RedisError as error:
            raise pytest.UsageError(
                f"xdist worker {index} needs Redis database {url}: {error}. Lower TEST_REDIS_DB "
                "(each worker takes the next database) or run fewer workers (-n)."
            ) from error
        spec.env["REDIS_URL"] = url


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Whole test files go to one worker (their module fixtures are built once), in the order
    pytest-django sorted them into, so that each worker, like a serial run, runs the tests in
    transactions first and the transactional ones (each empties every table as it ends) after
    them."""
    from xdist.scheduler import LoadScopeScheduling

    class DjangoOrderScheduling(LoadScopeScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            self.scopes = {}

        def _split_scope(self, nodeid):
            # A file whose tests pytest-django put in two places (in transactions, then
            # transactional) is two work units, each handed out at its own place.
            if not self.scopes:
                previous, runs = None, {}
                for collected in self.collection:
                    module = collected.split("::", 1)[0]
                    if module != previous:
                        runs[module] = runs.get(module, 0) + 1
                        previous = module
                    self.scopes[collected] = f"{module}#{runs[module]}"
            return self.scopes[nodeid]

    # The work units keep the collection's order, not the largest first.
    config.option.loadscopereorder = False
    return DjangoOrderScheduling(config, log)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database without autovacuum. Module fixtures load thousands of rows in a
    transaction that is rolled back; autovacuum, cleaning up after one, records those tables
    as empty (reltuples 0 over their pages) and the planner then joins the next module's
    uncommitted rows by nested loops (a test of 18 s ran for minutes in a parallel run)."""
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            """
            DO $$
            DECLARE name text;
            BEGIN
                FOR name IN SELECT quote_ident(tablename) FROM pg_tables
                            WHERE schemaname = current_schema() LOOP
                    EXECUTE 'ALTER TABLE ' || name || ' SET (autovacuum_enabled = false)';
                END LOOP;
            END $$
            """
        )


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Users are created and log in throughout the tests: a hash made for production
    (PBKDF2, a million rounds, half a second here) would be most of their time. No test is
    about the hash itself; production keeps Django's default."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def downloads_of_this_test(settings, tmp_path):
    """Each test's anonymous downloads are built in a folder of its own (apps.core.prebuilt):
    a file built from another test's data is never served."""
    settings.DOWNLOADS_ROOT = tmp_path / "downloads"


@pytest.fixture(scope="session", autouse=True)
def figures_rebuilt_by_their_reader():
    """Tests read the figures right after saving, with a broker but no worker: the reader
    rebuilds the summary tables itself, as with eager Celery. A test of the background
    rebuild turns ``FIGURES_REBUILD_IN_BACKGROUND`` on beside the real worker."""
    with override_settings(FIGURES_REBUILD_IN_BACKGROUND=False):
        yield


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Geography and demo data loaded once per module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        geography_load()
        demo_load(today=DEMO_TODAY)
        yield DEMO_TODAY
        transaction.set_rollback(True)


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="hq-admin", email="hq@example.edu.cn", password="a-strong-test-password"
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; Playwright never downloads a browser of its own."""
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.fail("Chromium is missing: run scripts/test, which installs Debian's chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # beside it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(BROWSER_TIMEOUT_MS)
    yield opened
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under screenshots/ for a person to look at."""

    def take(name, target=None):
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        (target or page).screenshot(path=str(path), full_page=True)
        return path

    return take


# --- The shared test bases of the record types (apps/core/testing) --------------------------
# They live in core and name no other app: the places records lie in and the office staff come
# from here.


@pytest.fixture
def record_places(db):
    """Two prefecture-level cities in two provinces: a record's home and a far place."""
    return CityFactory(), CityFactory()


@pytest.fixture
def office_staff(db, django_user_model):
    """Makes office staff working for a province or city: ``office_staff(city=city)``."""

    def make(**region):
        number = StaffProfile.objects.count() + 1
        user = django_user_model.objects.create_user(
            username=f"office-staff-{number}", password=None, is_staff=True
        )
        StaffProfile.objects.create(user=user, role=Role.OFFICE, **region)
        return user

    return make
