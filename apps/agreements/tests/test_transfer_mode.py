"""Transfer contracts record their mode (转让, 许可, 作价投资) and, for equity, the company and
what is held (issue 22)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.agreements.choices import ContractKind, TransferMode
from apps.agreements.tests.factories import ContractFactory
from apps.partners.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractFactory(**fields)


def test_only_transfer_contracts_have_a_mode():
    refused(kind=ContractKind.DEVELOPMENT, transfer_mode=TransferMode.LICENCE)
    ContractFactory(kind=ContractKind.TRANSFER, transfer_mode=TransferMode.LICENCE)


def test_equity_details_belong_to_the_equity_mode():
    refused(kind=ContractKind.TRANSFER, transfer_mode=TransferMode.LICENCE, equity_shares=1000)
    refused(kind=ContractKind.TRANSFER, transfer_mode=TransferMode.EQUITY, equity_percent=120)
    ContractFactory(
        kind=ContractKind.TRANSFER,
        transfer_mode=TransferMode.EQUITY,
        equity_company=OrganizationFactory(),
        equity_shares=2_000_000,
        equity_percent=15,
    )


def test_clean_says_what_is_missing():
    contract = ContractFactory.build(kind=ContractKind.TRANSFER, transfer_mode=TransferMode.EQUITY)
    with pytest.raises(ValidationError) as error:
        contract.full_clean(exclude=["department", "organization", "province", "city"])
    assert "equity_company" in error.value.message_dict
    contract = ContractFactory.build(kind=ContractKind.SERVICE, transfer_mode=TransferMode.TRANSFER)
    with pytest.raises(ValidationError) as error:
        contract.full_clean(exclude=["department", "organization", "province", "city"])
    assert "transfer_mode" in error.value.message_dict


def test_the_public_sees_the_mode_not_the_holding(client):
    contract = ContractFactory(
        kind=ContractKind.TRANSFER,
        transfer_mode=TransferMode.EQUITY,
        equity_company=OrganizationFactory(),
        equity_shares=2_000_000,
        equity_percent=15,
        is_public=True,
    )
    data = client.get(f"/api/v1/contracts/{contract.pk}/").json()
    assert data["transfer_mode"] == "equity"
    assert "equity_shares" not in data and "equity_percent" not in data
