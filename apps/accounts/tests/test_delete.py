"""The one way out of a record (``apps.core.services.record_delete``), through every channel
that deletes: the service itself, the API's DELETE, the admin's delete page and its "delete
selected" action.

Office staff of the world's first city delete their own region's records and no other
region's; an auditor, who may view everything, deletes nothing; every deletion leaves a
history row naming who deleted.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient

from apps.api.urls import router
from apps.core.registry import registry

pytestmark = pytest.mark.django_db

# An event has no rows that protect it; a contract takes its payments with it.
LABELS = ("events.ExchangeEvent", "agreements.Contract")


def unprotected(obj):
    """``obj`` with no row of another type protecting it (a challenge signed with the
    contract): the world links every record to its neighbours, and such a link rightly
    refuses the deletion (409) until it is undone. The nullable protecting links are undone."""
    from django.db.models import PROTECT

    for relation in obj._meta.related_objects:
        if relation.on_delete is PROTECT and relation.field.null:
            relation.related_model._base_manager.filter(**{relation.field.name: obj}).update(
                **{relation.field.name: None}
            )
    return obj


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def api_detail(obj):
    prefix = next(p for p, viewset, _b in router.registry if viewset.queryset.model is type(obj))
    return f"/api/v1/{prefix}/{obj.pk}/"


def fresh(obj):
    """The record as stored: deleting an instance forgets its key, and the world's records
    serve the whole module."""
    return type(obj)._default_manager.get(pk=obj.pk)


def exists(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).exists()


def deletions(obj):
    """The history rows saying ``obj`` was deleted."""
    return obj.history.model.objects.filter(id=obj.pk, history_type="-")


def delete_selected(client, obj):
    return client.post(
        admin_url(type(obj), "changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )


def delete_page(client, obj):
    return client.post(admin_url(type(obj), "delete", obj.pk), {"post": "yes"})


# --------------------------------------------------------------------------- the service


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("place", ["near", "far"])
def test_office_staff_cannot_delete_another_regions_record(world, office_user, label, place):
    target = world.__dict__[place][label]
    with pytest.raises(PermissionDenied):
        registry.get(label).delete(user=office_user, instance=fresh(target))
    assert exists(target)
    assert not deletions(target).exists()


@pytest.mark.parametrize("label", LABELS)
def test_the_deletion_has_a_history_row_naming_who_deleted(world, office_user, label):
    target = unprotected(world.district[label])
    registry.get(label).delete(user=office_user, instance=fresh(target))
    assert not exists(target)
    (row,) = deletions(target)
    assert row.history_user == office_user


@pytest.mark.parametrize("label", LABELS)
def test_an_auditor_cannot_delete(world, auditor, label):
    target = world.home[label]
    with pytest.raises(PermissionDenied):
        registry.get(label).delete(user=auditor, instance=fresh(target))
    assert exists(target)


def test_a_contracts_payments_go_with_it_and_leave_their_history(world, office_user):
    contract = unprotected(world.home["agreements.Contract"])
    payments = list(contract.payments.all())
    assert payments
    registry.get(contract).delete(user=office_user, instance=fresh(contract))
    for payment in payments:
        assert not exists(payment)
        assert deletions(payment).exists()


# --------------------------------------------------------------------------- the API


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("place", ["near", "far"])
def test_office_staff_cannot_delete_another_regions_record_through_the_api(
    world, office_api, label, place
):
    target = world.__dict__[place][label]
    assert office_api.delete(api_detail(target)).status_code == 404
    assert exists(target)


@pytest.mark.parametrize("label", LABELS)
def test_office_staff_delete_their_own_record_through_the_api(
    world, office_api, office_user, label
):
    target = unprotected(world.home[label])
    assert office_api.delete(api_detail(target)).status_code == 204
    assert not exists(target)
    assert deletions(target).get().history_user == office_user


def test_an_auditor_cannot_delete_through_the_api(world, auditor):
    target = world.home["events.ExchangeEvent"]
    api = APIClient()
    api.force_authenticate(auditor)
    assert api.delete(api_detail(target)).status_code == 403
    assert exists(target)


# --------------------------------------------------------------------------- the admin


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("place", ["near", "far"])
@pytest.mark.parametrize("route", [delete_page, delete_selected])
def test_office_staff_cannot_delete_another_regions_record_in_the_admin(
    world, office_client, label, place, route
):
    target = world.__dict__[place][label]
    route(office_client, target)
    assert exists(target)
    assert not deletions(target).exists()


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("route", [delete_page, delete_selected])
def test_office_staff_delete_their_own_record_in_the_admin(
    world, office_client, office_user, label, route
):
    target = unprotected(world.home[label])
    response = route(office_client, target)
    assert response.status_code == 302
    assert not exists(target)
    assert deletions(target).get().history_user == office_user


@pytest.mark.parametrize("route", [delete_page, delete_selected])
def test_an_auditor_cannot_delete_in_the_admin(world, client, auditor, route):
    target = world.home["events.ExchangeEvent"]
    client.force_login(auditor)
    # The delete page answers 403; the changelist offers the auditor no delete action.
    assert route(client, target).status_code in (200, 403)
    assert exists(target)
    assert not deletions(target).exists()


def test_a_record_another_row_protects_is_kept_with_a_refusal_not_an_error(world, office_api):
    """The world's contract is linked from a row that protects it: deleting it answers 409
    and keeps it (the link must be undone first)."""
    from django.db.models import PROTECT

    contract = world.home["agreements.Contract"]
    protecting = [
        relation
        for relation in contract._meta.related_objects
        if relation.on_delete is PROTECT
        and relation.related_model._base_manager.filter(**{relation.field.name: contract}).exists()
    ]
    assert protecting
    response = office_api.delete(api_detail(contract))
    assert response.status_code == 409
    assert exists(contract)
