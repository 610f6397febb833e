"""The partner's page: exactly its organization's records, read from every record type's
``partner=`` section, in a number of queries that does not grow with the rows."""

import datetime
import itertools
from decimal import Decimal

import pytest

from apps.agreements.choices import ContractStatus
from apps.agreements.tests.factories import ContractFactory
from apps.partners.models import PartnerContact
from apps.partners.tests.factories import MembershipFactory
from apps.requests.tests.factories import TechRequestFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db
JOINED = itertools.count()


def records_of(organization, tag, count=1):
    contacts = list(organization.contacts.filter(confirmed=True))
    for n in range(count):
        ContractFactory(
            organization=organization,
            number=f"{tag}-C{n}",
            title_zh=f"{tag}合同{n}",
            amount=Decimal("1234567.80"),
            status=ContractStatus.SIGNED,
        )
        TechRequestFactory(
            email=contacts[n % len(contacts)].email,
            title=f"{tag}需求{n}",
            organization_name=organization.name_zh,
        )
        MembershipFactory(
            organization=organization,
            joined_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=next(JOINED)),
        )


def test_partner_sees_its_organizations_records_and_none_of_anothers(client, acme, rival):
    PartnerContact.objects.create(organization=acme, email="zhao@acme.example", confirmed=True)
    records_of(acme, "ACME", count=2)
    records_of(rival, "RIVAL", count=2)
    ContractFactory(organization=acme, number="ACME-DRAFT", status=ContractStatus.DRAFT)

    sign_in(client, "li@acme.example")
    page = client.get("/partner/").content.decode()

    for text in ("ACME-C0", "ACME-C1", "ACME需求0", "ACME需求1", "1,234,567.80"):
        assert text in page
    assert "zhao@acme.example" in page  # a request sent by a colleague of the organization
    assert "ACME-DRAFT" not in page
    assert "RIVAL" not in page
    assert "wu@rival.example" not in page
    assert 'id="section-memberships"' in page and 'id="section-contracts"' in page

    client.post("/partner/sign-out/")
    sign_in(client, "wu@rival.example")
    page = client.get("/partner/").content.decode()
    assert "RIVAL-C0" in page and "RIVAL需求1" in page
    assert "ACME" not in page and "li@acme.example" not in page
    assert "苏州精密制造有限公司" not in page


def test_each_request_links_to_its_tracking_page_with_its_stage(client, acme):
    TechRequestFactory(email="li@acme.example", title="盐碱地", status="under_review")

    sign_in(client, "li@acme.example")
    page = client.get("/en/partner/")
    html = page.content.decode()
    assert "Under review" in html
    row_link = html.split('id="section-requests"')[1].split('href="')[1].split('"')[0]
    assert row_link.startswith("/requests/track/") or row_link.startswith("/en/requests/track/")
    assert client.get(row_link).status_code == 200


def test_a_withdrawn_confirmation_closes_the_organization_at_once(client, acme):
    records_of(acme, "ACME")
    sign_in(client, "li@acme.example")
    PartnerContact.objects.filter(email="li@acme.example").update(confirmed=False)

    page = client.get("/partner/").content.decode()

    assert "ACME-C0" not in page
    assert "ACME需求0" in page  # what the address sent itself stays its own


def test_the_page_spends_the_same_queries_for_one_row_or_many(
    client, acme, django_assert_max_num_queries
):
    records_of(acme, "ONE", count=1)
    sign_in(client, "li@acme.example")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get("/partner/").status_code == 200
    records_of(acme, "MANY", count=12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/partner/").content.decode()
    assert "MANY-C11" in page and "MANY需求11" in page
