"""The province page shows the money received (到账) beside the contract value, as released,
in both languages (issue 22)."""

import pytest
from django.utils import translation

from apps.core.templatetags.money import money_with_unit
from apps.figures.selectors import received_values
from apps.figures.summary import current_build
from apps.regions.models import Province

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("prefix", "label"), [("", "到账"), ("/en", "Money received")])
def test_province_page_shows_money_received_beside_the_contract_value(
    demo_data, client, prefix, label
):
    current_build()
    province = Province.objects.get(code="320000")
    released = received_values(province=province)
    page = client.get(f"{prefix}/regions/{province.code}/").content.decode()
    figures = page[page.index('id="region-figures"') :]
    figures = figures[: figures.index("</dl>")]
    assert "contracts_value" in figures
    assert 'data-figure="money_received"' in figures
    assert label in figures
    latest = max(year for year, cell in released.items() if not cell.withheld)
    table = page[page.index('id="money-received"') :]
    assert str(latest) in figures
    with translation.override("en" if prefix else "zh-hans"):
        # As the page writes it: kept on one line with its unit (no-break space, word joiner).
        shown = str(money_with_unit(float(released[latest].value)))
    assert shown in figures
    for year in released:
        assert f'<th scope="row">{year}</th>' in table
