"""The REST API of one registered record type, tested by a declaration.

A domain app's ``tests/test_api.py``::

    class TestEventAPI(api.APIViewTestCases):
        model = ExchangeEvent
        factory = ExchangeEventFactory
        basename = "event"                     # the router's: reverse("api:event-list")

        def create_data(self, city):           # a valid new record lying in ``city``
            return {"code": "fair", "title_zh": "对接会", ..., "city": city.code}

        update_data = {"title_zh": "新的名称"}

Each mixin can be used alone (``ListTests``, ``RetrieveTests``, ``CreateTests``,
``UpdateTests``, ``DeleteTests``, ``ScopeTests``, ``PublicFieldsTests``); ``APIViewTestCases``
holds them all, ``UnplacedViewTestCases`` all but the scope tests (reference data without a
region). What the record type declared in the registry decides the rest: a type that is never
published is refused to anonymous users; the private fields never reach anonymous users, and a
column staff alone see (``staff_only``) must be declared private.

A record is made by ``make(city, **fields)``: the factory with the record's province and city
set where the model has them. A type placed otherwise (a project through its sites) or linking
records that must lie in the same place overrides ``make``.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from apps.core.registry import RECORD_BOOKKEEPING, Never
from apps.core.testing.records import RecordTestBase

REFUSED = (401, 403)


def scalars(data):
    """Every scalar value of a JSON answer, as text (nested lists and objects included)."""
    if isinstance(data, dict):
        for value in data.values():
            yield from scalars(value)
    elif isinstance(data, list):
        for value in data:
            yield from scalars(value)
    elif data is not None:
        yield str(data)


def as_stored(field, value):
    """A submitted value as the model field holds it (``"2024-05-10"`` → a date)."""
    return field.to_python(value)


class APITestBase(RecordTestBase):
    """The declaration and the helpers every mixin shares."""

    basename = None
    # Factory fields giving the record's private fields values to look for in public answers.
    private_values = {}
    # Fields staff alone see beyond the registry's private fields (the record bookkeeping is
    # always among them).
    staff_only = ()
    update_data = {}

    def create_data(self, city):
        raise NotImplementedError(f"{type(self).__name__} declares no create_data(city)")

    # --- the record type, its URLs and records

    @property
    def is_published(self):
        return not isinstance(self.record_type.published, Never)

    @property
    def has_hidden_records(self):
        return self.is_published and self.record_type.published is not None

    def list_url(self):
        return reverse(f"api:{self.basename}-list")

    def detail_url(self, record):
        return reverse(f"api:{self.basename}-detail", args=[getattr(record, self.lookup)])

    def listed(self, client, **params):
        response = client.get(self.list_url(), {"page_size": 500, **params})
        assert response.status_code == 200, response.content
        return response.json()["results"]

    def listed_keys(self, client):
        return {row.get("id", row.get("code")) for row in self.listed(client)}

    def key_of(self, record):
        return record.pk if self.lookup == "pk" else getattr(record, self.lookup)

    def private_names(self):
        return set(self.record_type.private_fields) | set(RECORD_BOOKKEEPING) | set(self.staff_only)

    def stored(self, record):
        return self.model._default_manager.filter(pk=record.pk).values().get()

    def assert_holds(self, record, data):
        """The record, read afresh, holds every plain field of ``data`` as submitted."""
        fresh = self.model._default_manager.get(pk=record.pk)
        names = {field.name for field in self.model._meta.concrete_fields}
        for name, value in data.items():
            if name not in names:
                continue  # an input of the service (a consent), not a column
            field = self.model._meta.get_field(name)
            if field.is_relation:
                continue
            assert getattr(fresh, field.attname) == as_stored(field, value), name

    # --- clients

    @pytest.fixture
    def anonymous(self):
        return APIClient()

    @pytest.fixture
    def root(self, db, django_user_model):
        user = django_user_model.objects.create_superuser(username="api-base-root", password=None)
        client = APIClient()
        client.force_authenticate(user)
        return client


class ListTests(APITestBase):
    def test_anonymous_list_shows_published_records_only(self, anonymous, home):
        shown = self.make(home)
        if not self.is_published:
            assert anonymous.get(self.list_url()).status_code in REFUSED
            return
        hidden = self.make(home, **self.hidden) if self.has_hidden_records else None

        keys = self.listed_keys(anonymous)

        assert self.key_of(shown) in keys
        if hidden is not None:
            assert self.key_of(hidden) not in keys

    def test_superuser_list_shows_every_record(self, root, home):
        records = [self.make(home)]
        if self.has_hidden_records:
            records.append(self.make(home, **self.hidden))

        keys = self.listed_keys(root)

        assert {self.key_of(record) for record in records} <= keys


class RetrieveTests(APITestBase):
    def test_anonymous_opens_a_published_record_only(self, anonymous, home):
        shown = self.make(home)
        response = anonymous.get(self.detail_url(shown))
        if not self.is_published:
            assert response.status_code in REFUSED
            return
        assert response.status_code == 200, response.content
        assert response.json().get("id", response.json().get("code")) == self.key_of(shown)
        if self.has_hidden_records:
            hidden = self.make(home, **self.hidden)
            assert anonymous.get(self.detail_url(hidden)).status_code == 404

    def test_superuser_opens_a_hidden_record(self, root, home):
        record = self.make(home, **(self.hidden if self.has_hidden_records else {}))

        response = root.get(self.detail_url(record))

        assert response.status_code == 200, response.content

    def test_an_unknown_record_is_a_404(self, root, home):
        record = self.make(home)
        url = self.detail_url(record)
        self.forget(record)

        assert root.get(url).status_code == 404


class CreateTests(APITestBase):
    def test_superuser_creates_a_record(self, root, home):
        data = self.create_data(home)

        response = root.post(self.list_url(), data, format="json")

        assert response.status_code == 201, response.content
        created = self.model._default_manager.get(pk=response.json()["id"])
        self.assert_holds(created, data)
        assert root.get(self.detail_url(created)).status_code == 200

    def test_anonymous_cannot_create(self, anonymous, home):
        data = self.create_data(home)
        before = self.model._default_manager.count()

        assert anonymous.post(self.list_url(), data, format="json").status_code in REFUSED
        assert self.model._default_manager.count() == before

    def test_an_empty_create_is_a_400_naming_fields(self, root):
        response = root.post(self.list_url(), {}, format="json")

        assert response.status_code == 400
        assert response.json()


class UpdateTests(APITestBase):
    def test_superuser_updates_a_record(self, root, home):
        record = self.make(home)

        response = root.patch(self.detail_url(record), self.update_data, format="json")

        assert response.status_code == 200, response.content
        self.assert_holds(record, self.update_data)

    def test_superuser_writes_back_what_it_reads(self, root, home):
        record = self.make(home)
        url = self.detail_url(record)
        current = root.get(url).json()

        response = root.put(url, current, format="json")

        assert response.status_code == 200, response.content
        assert response.json() == root.get(url).json()

    def test_anonymous_cannot_update(self, anonymous, home):
        record = self.make(home)
        before = self.stored(record)

        response = anonymous.patch(self.detail_url(record), self.update_data, format="json")

        assert response.status_code in REFUSED
        assert self.stored(record) == before


class DeleteTests(APITestBase):
    def test_superuser_deletes_a_record(self, root, home):
        record = self.make(home)

        assert root.delete(self.detail_url(record)).status_code == 204
        assert not self.model._default_manager.filter(pk=record.pk).exists()

    def test_anonymous_cannot_delete(self, anonymous, home):
        record = self.make(home)

        assert anonymous.delete(self.detail_url(record)).status_code in REFUSED
        assert self.model._default_manager.filter(pk=record.pk).exists()


class ScopeTests(APITestBase):
    """Office staff of one city reach their region's records and nothing of another
    province's, published or not. Skipped for a type without regions."""

    # Whether office staff add records of this type through the API; when not, their create is
    # refused in their own region too.
    office_creates = True

    @pytest.fixture
    def staff_api(self, office_staff, home):
        """Office staff of the home city (every scope test asks for them)."""
        if not self.record_type.is_regional:
            pytest.skip(f"{self.record_type.label} lies in no region")
        client = APIClient()
        client.force_authenticate(office_staff(city=home))
        return client

    def test_office_staff_list_their_region_only(self, staff_api, home, far):
        own = self.make(home)
        other = self.make(far)

        keys = self.listed_keys(staff_api)

        assert self.key_of(own) in keys
        assert self.key_of(other) not in keys

    def test_office_staff_cannot_open_change_or_delete_another_regions_record(
        self, staff_api, home, far
    ):
        assert staff_api.get(self.detail_url(self.make(home))).status_code == 200
        other = self.make(far)
        url = self.detail_url(other)
        before = self.stored(other)

        assert staff_api.get(url).status_code == 404
        assert staff_api.patch(url, self.update_data, format="json").status_code in (403, 404)
        assert staff_api.delete(url).status_code in (403, 404)
        assert self.stored(other) == before

    def test_office_staff_create_in_their_region_only(self, staff_api, home, far):
        before = self.model._default_manager.count()

        refused = staff_api.post(self.list_url(), self.create_data(far), format="json")

        assert refused.status_code in (400, 403), refused.content
        assert self.model._default_manager.count() == before
        own = staff_api.post(self.list_url(), self.create_data(home), format="json")
        if self.office_creates:
            assert own.status_code == 201, own.content
        else:
            assert own.status_code in (400, 403), own.content
            assert self.model._default_manager.count() == before


class PublicFieldsTests(APITestBase):
    """Anonymous users get the public fields only: no private field (a contract's amount, an
    office's contact), no bookkeeping, none of their values anywhere in the answer."""

    def test_anonymous_answers_hold_no_private_field(self, anonymous, root, home):
        record = self.make(home, **self.private_values)
        secrets = {
            str(value)
            for name in self.record_type.private_fields
            if (value := getattr(record, name)) not in (None, "")
        } | {str(value) for value in self.private_values.values()}
        if not self.is_published:
            assert anonymous.get(self.detail_url(record)).status_code in REFUSED
            assert anonymous.get(self.list_url()).status_code in REFUSED
            return

        detail = anonymous.get(self.detail_url(record)).json()
        rows = self.listed(anonymous)

        for answer in [detail, *rows]:
            assert not set(answer) & self.private_names()
        assert not secrets & set(scalars([detail, rows]))
        # Where the type has fields for staff only, staff are shown what the public is not.
        staff = root.get(self.detail_url(record)).json()
        assert set(detail) <= set(staff)
        if self.has_hidden_records or self.record_type.private_fields or self.staff_only:
            assert set(staff) - set(detail)

    def test_what_staff_alone_see_is_declared_private(self):
        """A column the API shows staff only is a private field of the registry, so that every
        channel reading the registry (open data, the channel matrix) keeps it from the public."""
        columns = {field.name for field in self.model._meta.concrete_fields}

        assert set(self.staff_only) & columns <= set(self.record_type.private_fields)

    def test_anonymous_downloads_hold_public_columns_only(self, anonymous, home):
        record = self.make(home, **self.private_values)
        # Anyone's whole list is the type's open-data file, where it has one: followed here, so
        # the file is held to the same rule.
        response = anonymous.get(self.list_url(), {"format": "csv"}, follow=True)
        if not self.is_published:
            assert response.status_code in REFUSED
            return
        assert response.status_code == 200
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        header = text.splitlines()[0].split(",")
        assert not set(header) & self.private_names()
        for name in self.record_type.private_fields:
            value = getattr(record, name)
            if isinstance(value, Decimal | str) and value not in ("",):
                assert str(value) not in text, name


class UnplacedViewTestCases(
    ListTests,
    RetrieveTests,
    CreateTests,
    UpdateTests,
    DeleteTests,
    PublicFieldsTests,
):
    """Every API test of a record type that lies in no region (the University's reference
    data): no scope tests."""


class APIViewTestCases(
    ListTests,
    RetrieveTests,
    CreateTests,
    UpdateTests,
    DeleteTests,
    ScopeTests,
    PublicFieldsTests,
):
    """Every API test of a record type that anyone reads and staff write."""


__all__ = [
    "APITestBase",
    "APIViewTestCases",
    "CreateTests",
    "DeleteTests",
    "ListTests",
    "PublicFieldsTests",
    "RetrieveTests",
    "ScopeTests",
    "UnplacedViewTestCases",
    "UpdateTests",
]
