"""The Content-Security-Policy in real Chromium: the public pages, the request form, the admin
and the API docs work under it, and the browser reports no violation."""

import pytest
from django_celery_beat.models import PeriodicTask

from apps.public.tests.sample import build_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collected in the page before any of its own scripts run (Playwright's init scripts are not
# subject to the page's policy).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    location.pathname + ": " + event.violatedDirective + " " + (event.blockedURI || "inline")
  );
});
"""


@pytest.fixture
def watched(page):
    console = []
    page.on(
        "console",
        lambda message: console.append(f"{page.url}: {message.text[:120]}")
        if "Content Security Policy" in message.text or "Refused to" in message.text
        else None,
    )
    page.add_init_script(LISTEN)
    return page, console


def violations(page, console):
    return console + page.evaluate("window.__violations")


def test_pages_admin_and_api_docs_work_without_csp_violations(live_server, watched, staff_user):
    page, console = watched
    sample = build_sample()
    url = live_server.url

    response = page.goto(f"{url}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".china-map__svg path")
    page.goto(f"{url}/regions/320000/")
    page.wait_for_selector(".bars__column")
    page.goto(f"{url}/events/")
    page.goto(f"{url}/requests/")
    page.select_option("#id_province", sample.ningxia.code)
    page.wait_for_selector(f"#id_city option[value='{sample.yinchuan.code}']", state="attached")

    page.goto(f"{url}/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock")  # the page fixture's generous limit

    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", staff_user.username)
    page.fill("#id_password", "a-strong-test-password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{url}/admin/")
    page.goto(f"{url}/admin/projects/cooperationproject/")
    page.goto(f"{url}/admin/projects/cooperationproject/{sample.soil_project.pk}/change/")
    page.wait_for_selector("#cooperationproject_form")
    # The header's language switch is a script file now, not an inline handler.
    with page.expect_navigation():
        page.select_option("#admin-language", "en")
    assert page.locator("#admin-language").input_value() == "en"

    # Third-party admin pages whose inline handlers were moved to script files.
    page.goto(f"{url}/admin/partners/organization/export/")
    page.locator("input.select-toggle").uncheck()
    field = page.locator(".selectable-field-export-row input[type=checkbox]").first
    assert field.is_checked() is False
    # A project schedule's page (no periodic task is added in the admin).
    digest = PeriodicTask.objects.get(task="apps.operations.tasks.send_weekly_digests")
    page.goto(f"{url}/admin/django_celery_beat/periodictask/{digest.pk}/change/")
    page.wait_for_selector("#periodictask_form")

    assert violations(page, console) == []

    # The policy is enforced and the listener hears it: an injected inline script is blocked.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
    )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__ran === undefined")
