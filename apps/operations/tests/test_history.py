"""Every change made in the admin is recorded (who, when, the fields before and after) and can
be reverted from the record's history."""

from decimal import Decimal

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def change_data(contract, **changes):
    data = {
        "number": contract.number,
        "title_zh": contract.title_zh,
        "title_en": contract.title_en,
        "kind": contract.kind,
        "status": contract.status,
        "department": contract.department_id,
        "principal_investigator": contract.principal_investigator,
        "organization": contract.organization_id,
        "province": contract.province_id,
        "city": contract.city_id or "",
        "signed_on": contract.signed_on.isoformat(),
        "amount": str(contract.amount),
        "is_public": "on" if contract.is_public else "",
        "payments-TOTAL_FORMS": "0",
        "payments-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_admin_change_is_recorded_with_user_and_diff_and_can_be_reverted(
    world, office_client, office_user
):
    contract = world.home["agreements.Contract"]
    url = reverse("admin:agreements_contract_change", args=[contract.pk])
    assert office_client.post(url, change_data(contract, amount="888.00")).status_code == 302
    contract.refresh_from_db()
    assert contract.amount == Decimal("888.00")

    latest, original = contract.history.all()[:2]
    assert latest.history_user == office_user
    assert latest.history_type == "~"
    delta = {c.field: (c.old, c.new) for c in latest.diff_against(original).changes}
    assert delta["amount"] == (Decimal("500000.00"), Decimal("888.00"))

    history_page = office_client.get(
        reverse("admin:agreements_contract_history", args=[contract.pk])
    )
    assert history_page.status_code == 200
    page = history_page.content.decode()
    assert office_user.username in page and "888" in page

    revert_url = reverse(
        "admin:agreements_contract_simple_history", args=[contract.pk, original.history_id]
    )
    form = office_client.get(revert_url)
    assert form.status_code == 200
    reverted = office_client.post(revert_url, change_data(original.instance))
    assert reverted.status_code == 302
    contract.refresh_from_db()
    assert contract.amount == Decimal("500000.00")
    assert contract.history.count() == 3
