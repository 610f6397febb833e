import datetime
import os
import shutil
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

from apps.demo.demo import demo_load
from apps.regions.services import geography_load

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


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Users are created and log in throughout the tests: a hash made for production
    (PBKDF2, a million rounds, half a second here) would be most of their time. No test is
    about the hash itself; production keeps Django's default."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


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
    opened.set_default_timeout(15000)
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
