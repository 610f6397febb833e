"""The 统计口径 page, the code and this test agree on what a city is: a prefecture-level city
with its districts and counties; a municipality's districts are not cities (issue 20)."""

import pytest

from apps.events.tests.factories import ExchangeEventFactory
from apps.public import selectors
from apps.regions.models import City, CityLevel, Province

pytestmark = pytest.mark.django_db


def cities_with_public_records():
    """An independent recount: prefecture-level cities holding a public record of any type
    counted on the home page, directly or through a district or county."""
    from django.apps import apps

    found = set()
    for label, city_field in [
        ("agreements.CooperationAgreement", "city"),
        ("agreements.Contract", "city"),
        ("events.ExchangeEvent", "city"),
        ("funds.CooperationFund", "city"),
        ("institutes.JointInstitute", "city"),
        ("offices.CooperationOffice", "city"),
        ("projects.ProjectSite", "city"),
    ]:
        model = apps.get_model(label)
        rows = model.objects.published().exclude(**{f"{city_field}": None})
        for city_id, parent_id in rows.values_list(f"{city_field}_id", f"{city_field}__parent_id"):
            found.add(parent_id or city_id)
    return City.objects.filter(pk__in=found, level=CityLevel.PREFECTURE).count()


def test_a_municipalitys_district_is_not_a_city(demo_data, client):
    beijing = Province.objects.get(code="110000")
    district = (
        City.objects.filter(province=beijing, parent=None)
        .exclude(level=CityLevel.PREFECTURE)
        .first()
    )
    assert district is not None, "the geography has Beijing's districts"
    before = selectors.home_overview()["figures"]["cities"]

    ExchangeEventFactory(city=district, province=beijing, is_public=True, code="bj-district-ev")

    after = selectors.home_overview()["figures"]["cities"]
    assert after == before
    assert after == cities_with_public_records()
    # The 统计口径 page says so, in both languages.
    assert "直辖市的区不按地级市计" in client.get("/definitions/").content.decode()
    assert "are not cities" in client.get("/en/definitions/").content.decode()
