"""The schema and its Swagger UI are served by the portal itself: nothing from a CDN."""

import io
import json
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


def test_schema_is_generated_once_and_then_served_from_the_deployments_file(
    anonymous, settings, tmp_path
):
    settings.API_SCHEMA_DIR = tmp_path / "first"
    generated = anonymous.get("/api/schema/", {"format": "json"})
    (written,) = (tmp_path / "first").iterdir()
    assert written.read_bytes() == generated.content

    # Another process of the same deployment reads the file instead of generating again.
    settings.API_SCHEMA_DIR = tmp_path / "second"
    (tmp_path / "second").mkdir()
    schema = generated.json()
    schema["info"]["title"] = "Read from the file"
    (tmp_path / "second" / written.name).write_text(json.dumps(schema))

    served = anonymous.get("/api/schema/", {"format": "json"})
    assert served.json()["info"]["title"] == "Read from the file"
    assert served["Content-Type"].startswith("application/vnd.oai.openapi+json")


def test_build_api_schema_writes_every_language_and_format(settings, tmp_path):
    settings.API_SCHEMA_DIR = tmp_path
    call_command("build_api_schema", stdout=io.StringIO())

    written = sorted(path.name.split("-", 2)[2] for path in tmp_path.iterdir())
    assert written == ["en.json", "en.yaml", "zh-hans.json", "zh-hans.yaml"]
