"""Reads of the public site and the API go to the read replica when one is configured.

In tests the ``replica`` alias is a mirror of the test database (another connection to it), so
which connection ran a statement shows where a real deployment would have sent it.
"""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from apps.events.tests.factories import ExchangeEventFactory
from apps.public.tests.sample import clear_caches
from apps.regions.tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db(databases=["default", "replica"])
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Anonymous API responses are cached: a response kept from an earlier run reads nothing."""
    clear_caches()
    yield
    clear_caches()


def tables_read(client, url):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url)
    assert response.status_code == 200

    def read(captured):
        return " ".join(q["sql"] for q in captured if q["sql"].lstrip().startswith("SELECT"))

    return read(primary), read(replica)


@pytest.mark.parametrize(
    ("url", "table"),
    [("/api/v1/provinces/", "regions_province"), ("/api/v1/contracts/", "agreements_contract")],
)
def test_api_reads_go_to_the_replica_when_configured(client, settings, url, table):
    settings.READ_REPLICA = True

    primary, replica = tables_read(client, url)

    assert f'"{table}"' in replica
    assert f'"{table}"' not in primary


def test_the_admin_reads_the_primary(staff_client, settings):
    settings.READ_REPLICA = True
    ProvinceFactory()

    primary, replica = tables_read(staff_client, "/admin/regions/province/")

    assert '"regions_province"' in primary
    assert replica == ""


def test_without_a_replica_every_read_stays_on_the_primary(client, settings):
    settings.READ_REPLICA = False

    primary, replica = tables_read(client, "/api/v1/provinces/")

    assert '"regions_province"' in primary
    assert replica == ""


@pytest.fixture
def replica_stopped():
    """The replica alias pointed at a port where nothing listens (a stopped replica), its
    connection attempts counted; the real mirror connection is put back afterwards."""
    from tsinghua_coop import db_router

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    mirror = connections["replica"]
    stopped = mirror.__class__({**mirror.settings_dict, "PORT": closed_port}, alias="replica")
    stopped.attempts = 0
    stopped.mirror = mirror
    connect = stopped.get_new_connection

    def counted(conn_params):
        stopped.attempts += 1
        return connect(conn_params)

    stopped.get_new_connection = counted
    breaker = getattr(db_router, "_replica_breaker", None)
    if breaker is not None:
        breaker.close()
    connections["replica"] = stopped
    yield stopped
    connections["replica"] = mirror
    if breaker is not None:
        breaker.close()


def test_after_a_write_the_writers_reads_stay_on_the_primary(staff_client, settings):
    settings.READ_REPLICA = True
    event = ExchangeEventFactory(is_public=True)

    response = staff_client.patch(
        f"/api/v1/events/{event.pk}/",
        {"title_en": "Saved just now"},
        content_type="application/json",
    )
    assert response.status_code == 200
    pin = response.cookies["coop_primary"]
    assert pin["max-age"] == settings.REPLICA_PIN_SECONDS
    assert pin["httponly"]

    primary, replica = tables_read(staff_client, f"/api/v1/events/{event.pk}/")
    assert '"events_exchangeevent"' in primary
    assert replica == ""

    # Without the pin the same read goes to the replica, which here, like a replica that is
    # behind, lacks the event (the mirror connection does not see the test's transaction).
    staff_client.cookies.pop("coop_primary")
    with CaptureQueriesContext(connections["replica"]) as replica:
        response = staff_client.get(f"/api/v1/events/{event.pk}/")
    assert response.status_code == 404
    assert '"events_exchangeevent"' in " ".join(q["sql"] for q in replica)


def test_reads_do_not_pin_and_nothing_pins_without_a_replica(staff_client, settings):
    settings.READ_REPLICA = True
    assert "coop_primary" not in staff_client.get("/api/v1/provinces/").cookies
    assert "coop_primary" not in staff_client.options("/api/v1/provinces/").cookies

    settings.READ_REPLICA = False
    response = staff_client.post("/api/v1/events/", {}, content_type="application/json")
    assert response.status_code == 400
    assert "coop_primary" not in response.cookies


def test_replica_down_reads_fall_back_to_the_primary_without_retrying_each_time(
    client, settings, replica_stopped
):
    settings.READ_REPLICA = True
    settings.REPLICA_BREAK_SECONDS = 60
    ProvinceFactory()

    for ordering in ("code", "-code", "name_en"):
        with CaptureQueriesContext(connections["default"]) as primary:
            response = client.get(f"/api/v1/provinces/?ordering={ordering}")
        assert response.status_code == 200
        assert response.json()["results"]
        assert '"regions_province"' in " ".join(q["sql"] for q in primary)

    # One refused attempt opened the breaker: the next requests did not try again.
    assert replica_stopped.attempts == 1


def test_reads_return_to_the_replica_when_it_answers_again(client, settings, replica_stopped):
    settings.READ_REPLICA = True
    settings.REPLICA_BREAK_SECONDS = 0.2
    assert client.get("/api/v1/provinces/").status_code == 200
    assert replica_stopped.attempts == 1

    connections["replica"] = replica_stopped.mirror
    time.sleep(0.3)
    primary, replica = tables_read(client, "/api/v1/provinces/?ordering=name_en")
    assert '"regions_province"' in replica
    assert '"regions_province"' not in primary


def database_settings(**environment):
    """The DATABASES the settings module builds from this environment, in a fresh process."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_ENV"))
    }
    env.update(environment)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, tsinghua_coop.settings as s; print(json.dumps(s.DATABASES, default=str))",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,  # a hang, not a slow start on a loaded machine
    )
    return result


def test_behind_pgbouncer_server_side_cursors_are_off_and_a_replica_has_a_connect_timeout():
    result = database_settings(
        DATABASE_URL="postgres://coop@127.0.0.1:6432/coop",
        DATABASE_POOLER="pgbouncer",
        DATABASE_REPLICA_URL="postgres://coop@127.0.0.1:5433/coop",
    )
    assert result.returncode == 0, result.stderr
    databases = json.loads(result.stdout)
    assert databases["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert databases["replica"]["OPTIONS"]["connect_timeout"] == 2
    assert databases["replica"]["PORT"] == 5433

    direct = json.loads(database_settings(DATABASE_URL="postgres://coop@db/coop").stdout)
    assert not direct["default"].get("DISABLE_SERVER_SIDE_CURSORS")


def test_an_unknown_pooler_stops_the_start():
    result = database_settings(
        DATABASE_URL="postgres://coop@127.0.0.1:6432/coop", DATABASE_POOLER="pgpool"
    )
    assert result.returncode != 0
    assert "DATABASE_POOLER='pgpool'" in result.stderr
