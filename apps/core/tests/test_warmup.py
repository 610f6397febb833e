import os
import signal
import socket
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.template import engines

from apps.core.tests.waiting import READY_LIMIT, exited, wait_until
from apps.core.warmup import WARMED_UP, template_names, warm_up


def test_warm_up_compiles_every_template_of_the_project():
    names = template_names()
    assert {"base.html", "public/home.html", "public/region_detail.html"} <= set(names)
    # Django's and the libraries' own are not the project's (django-filter's crispy template
    # needs a package the project does not install).
    assert not any(name.startswith(("admin/change_form", "django_filters/")) for name in names)
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()

    warm_up()

    compiled = set(loader.get_template_cache)
    assert set(names) <= compiled


# --- The serving processes warm up before they listen; nothing else does -------------------


def run_python(code, **env):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tsinghua_coop.settings", **env},
        capture_output=True,
        text=True,
        timeout=READY_LIMIT,
    )


WARM_STATE = (
    "import jieba; from django.template import engines;"
    "cache = engines['django'].engine.template_loaders[0].get_template_cache;"
    "print(jieba.dt.initialized, 'base.html' in cache)"
)


def test_importing_the_wsgi_application_warms_the_process_up():
    # runserver (in its serving process) and gunicorn import WSGI_APPLICATION before they
    # listen: what it prepares, no request pays for.
    result = run_python("import tsinghua_coop.wsgi;" + WARM_STATE)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


def test_management_commands_and_tests_do_not_pay_for_the_warm_up():
    result = run_python("import django; django.setup();" + WARM_STATE)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def database_url(settings_dict):
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.usefixtures("django_db_setup")
def test_runserver_warms_up_once_in_the_process_that_serves_before_it_listens(tmp_path):
    log = tmp_path / "runserver.log"
    env = {
        **os.environ,
        # runserver checks the migrations: the test database is migrated.
        "DATABASE_URL": database_url(connection.settings_dict),
        "PYTHONUNBUFFERED": "1",
    }
    with open(log, "w") as output:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{free_port()}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the reloader's serving child goes with it
        )
    try:
        wait_until(
            lambda: "Quit the server with" in log.read_text(),
            what="runserver did not start",
            died=exited(server, log),
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=READY_LIMIT)
    text = log.read_text()
    # Once: in the reloader's child, which serves, not in the parent, which watches files.
    assert text.count(WARMED_UP) == 1, text
    assert text.index(WARMED_UP) < text.index("Starting development server at"), text
