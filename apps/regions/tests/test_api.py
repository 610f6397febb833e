"""Provinces and cities through the API: reference data everyone reads and nobody writes
(apps.core.testing.api's list and retrieve bases)."""

import pytest

from apps.core.testing import api
from apps.regions.models import City, Province
from apps.regions.tests.factories import CityFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


class ReadOnly:
    def test_nobody_writes_geography_through_the_api(self, root, anonymous, home):
        record = self.make(home)
        before = self.stored(record)

        assert root.post(self.list_url(), {}, format="json").status_code == 405
        url = self.detail_url(record)
        assert root.patch(url, {"name_zh": "改"}, format="json").status_code == 405
        assert root.delete(self.detail_url(record)).status_code == 405
        assert anonymous.delete(self.detail_url(record)).status_code in (401, 403, 405)
        assert self.stored(record) == before


class TestProvinceAPI(ReadOnly, api.ListTests, api.RetrieveTests, api.PublicFieldsTests):
    model = Province
    factory = ProvinceFactory
    basename = "province"
    lookup = "code"

    def make(self, city, **fields):
        return self.factory(**fields)


class TestCityAPI(ReadOnly, api.ListTests, api.RetrieveTests, api.PublicFieldsTests):
    model = City
    factory = CityFactory
    basename = "city"
    lookup = "code"

    def make(self, city, **fields):
        fields.setdefault("province", city.province)
        return self.factory(**fields)


# --- What this app's resources add, moved from apps/api/tests/test_access.py (its world: one
# public and one hidden record of every resource, apps/api/tests/conftest.py).


def test_geography_is_read_only(anonymous, admin_api, world):
    province = world.public["contracts"].province

    response = anonymous.get(f"/api/v1/provinces/{province.code}/")
    assert response.status_code == 200
    assert response.json()["name_zh"] == province.name_zh
    assert admin_api.post("/api/v1/provinces/", {}, format="json").status_code == 405
    city = world.public["contracts"].city
    assert anonymous.get(f"/api/v1/cities/{city.code}/").json()["province"] == province.code
