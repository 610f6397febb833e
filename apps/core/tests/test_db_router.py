"""Reads of the public site and the API go to the read replica when one is configured.

In tests the ``replica`` alias is a mirror of the test database (another connection to it), so
which connection ran a statement shows where a real deployment would have sent it.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from apps.regions.tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db(databases=["default", "replica"])


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
