"""The schema and its Swagger UI are served by the portal itself: nothing from a CDN."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_is_openapi_3(anonymous):
    response = anonymous.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/contracts/" in schema["paths"]
    assert "/api/v1/stats/contracts/" in schema["paths"]


def test_schema_generates_without_warnings(tmp_path):
    # `check --deploy` runs drf-spectacular's own check, which fails on any warning.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )


def test_docs_page_loads_only_local_files(anonymous):
    html = anonymous.get("/api/docs/").content.decode()

    assert not re.search(r"https?://", html)
    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    for asset in assets:
        assert finders.find(asset), asset


@pytest.mark.browser
def test_swagger_ui_renders_the_api(live_server, page, screenshot):
    page.goto(f"{live_server.url}/api/docs/")

    page.wait_for_selector(".swagger-ui .info .title")
    page.wait_for_selector("text=/api/v1/contracts/")
    screenshot("api-docs")
    assert "University" in page.inner_text(".swagger-ui .info .title")
