"""An office user of one city reaches every record of their city (and its districts) and no
record of another region: not by changelist, URL, history, autocomplete, export, form or API."""

import csv
import io

import pytest
from django.apps import apps
from django.urls import reverse

from apps.accounts.scoping import scope_queryset

REGIONAL = [
    "partners.Organization",
    "partners.Membership",
    "agreements.CooperationAgreement",
    "agreements.Contract",
    "agreements.Payment",
    "funds.CooperationFund",
    "institutes.JointInstitute",
    "offices.CooperationOffice",
    "projects.CooperationProject",
    "events.ExchangeEvent",
]
CHILDREN = [
    "funds.FundContribution",
    "funds.FundGrant",
    "institutes.Branch",
    "offices.PracticeBase",
    "projects.ProjectSite",
]


def url(label, view, *args):
    app_label, model = label.lower().split(".")
    return reverse(f"admin:{app_label}_{model}_{view}", args=args)


@pytest.mark.parametrize("label", REGIONAL + CHILDREN)
def test_scope_queryset_gives_office_user_exactly_their_city_and_districts(
    world, office_user, label
):
    model = apps.get_model(label)
    visible = set(scope_queryset(office_user, model.objects.all()).values_list("pk", flat=True))
    assert visible == world.own(label)


@pytest.mark.parametrize("label", ["agreements.Contract", "projects.CooperationProject"])
def test_province_office_sees_every_city_of_the_province(world, province_user, label):
    model = apps.get_model(label)
    visible = set(scope_queryset(province_user, model.objects.all()).values_list("pk", flat=True))
    assert visible == world.own(label) | {world.near[label].pk}


def test_hq_and_auditors_see_everything_anonymous_only_public(world, hq_user, auditor):
    from django.contrib.auth.models import AnonymousUser

    from apps.agreements.models import Contract, Payment

    everything = set(Contract.objects.values_list("pk", flat=True))
    for user in (hq_user, auditor):
        assert set(scope_queryset(user, Contract.objects.all()).values_list("pk", flat=True)) == (
            everything
        )
    anonymous = AnonymousUser()
    assert set(scope_queryset(anonymous, Contract.objects.all()).values_list("pk", flat=True)) == {
        world.far["agreements.Contract"].pk
    }
    assert not scope_queryset(anonymous, Payment.objects.all()).exists()


@pytest.mark.parametrize("label", REGIONAL)
def test_office_changelist_lists_all_own_records_and_no_other(world, office_client, label):
    response = office_client.get(url(label, "changelist"))
    assert response.status_code == 200
    shown = {obj.pk for obj in response.context["cl"].result_list}
    assert shown == world.own(label)


@pytest.mark.parametrize("label", REGIONAL)
def test_office_user_opens_own_record_by_url(world, office_client, label):
    record = world.home[label]
    assert office_client.get(url(label, "change", record.pk)).status_code == 200
    assert office_client.get(url(label, "history", record.pk)).status_code == 200


@pytest.mark.parametrize("label", REGIONAL)
@pytest.mark.parametrize("place", ["near", "far"])
def test_office_user_is_refused_other_region_record_by_url(world, office_client, label, place):
    record = getattr(world, place)[label]
    change = office_client.get(url(label, "change", record.pk))
    # The admin answers as for a record that does not exist: back to the index.
    assert change.status_code == 302
    assert change.url == reverse("admin:index")
    assert office_client.get(url(label, "delete", record.pk)).status_code == 302
    assert office_client.get(url(label, "history", record.pk)).status_code in (403, 404)
    history = record.history.first()
    form_view = office_client.get(
        reverse(
            f"admin:{record._meta.app_label}_{record._meta.model_name}_simple_history",
            args=[record.pk, history.history_id],
        )
    )
    # The revert form answers as the change form does, for a record that does not exist.
    assert form_view.status_code == 302
    assert form_view.url == reverse("admin:index")
    post = office_client.post(url(label, "delete", record.pk), {"post": "yes"})
    assert post.status_code == 302
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    ("source", "field", "target"),
    [
        ("agreements.Contract", "organization", "partners.Organization"),
        ("agreements.Contract", "office", "offices.CooperationOffice"),
        ("agreements.Payment", "contract", "agreements.Contract"),
        ("funds.FundGrant", "project", "projects.CooperationProject"),
        ("partners.Membership", "organization", "partners.Organization"),
    ],
)
def test_autocomplete_offers_only_own_region(world, office_client, source, field, target):
    app_label, model_name = source.lower().split(".")
    response = office_client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field, "term": ""},
    )
    assert response.status_code == 200
    offered = {int(result["id"]) for result in response.json()["results"]}
    assert offered == world.own(target)


def test_autocomplete_of_regions_offers_only_own_city_and_districts(world, office_client):
    response = office_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "agreements", "model_name": "contract", "field_name": "city", "term": ""},
    )
    offered = {int(result["id"]) for result in response.json()["results"]}
    assert offered == {world.home_city.pk, world.home_district.pk}
    response = office_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "agreements", "model_name": "contract", "field_name": "province"},
    )
    offered = {int(result["id"]) for result in response.json()["results"]}
    assert offered == {world.home_province.pk}


def export_csv(client, label, params=""):
    page = client.get(url(label, "export") + params)
    assert page.status_code == 200
    form = page.context["form"]
    data = {"format": "1", "resource": "0"}
    for name, form_field in form.fields.items():
        if form_field.__class__.__name__ == "BooleanField":
            data[name] = "on"
    response = client.post(url(label, "export") + params, data)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("agreements.Contract", "number"),
        ("partners.Organization", "name_zh"),
        ("events.ExchangeEvent", "code"),
        ("agreements.Payment", None),
    ],
)
def test_export_holds_own_records_only(world, office_client, label, key):
    rows = export_csv(office_client, label)
    assert len(rows) - 1 == len(world.own(label))
    if key:
        exported = {row for line in rows[1:] for row in line}
        for place in ("home", "district"):
            assert getattr(getattr(world, place)[label], key) in exported
        for place in ("near", "far"):
            assert getattr(getattr(world, place)[label], key) not in exported


def test_export_ignores_a_filter_that_names_another_region(world, office_client):
    rows = export_csv(
        office_client, "agreements.Contract", f"?province__id__exact={world.far_province.pk}"
    )
    assert len(rows) == 1


def test_office_user_cannot_save_a_record_into_another_region(world, office_client):
    from apps.agreements.models import Contract

    contract = world.home["agreements.Contract"]
    far = world.far["agreements.Contract"]
    data = {
        "number": "NEW-1",
        "title_zh": "新合同",
        "kind": "development",
        "status": "signed",
        "department": contract.department_id,
        "principal_investigator": "李",
        "organization": far.organization_id,
        "province": far.province_id,
        "city": far.city_id,
        "signed_on": "2024-01-02",
        "amount": "100",
        "is_public": "on",
        "payments-TOTAL_FORMS": "0",
        "payments-INITIAL_FORMS": "0",
    }
    response = office_client.post(url("agreements.Contract", "add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"organization", "province", "city"} <= set(errors)
    # Own province but no city: it would fall outside a city office's reach.
    data.update(organization=contract.organization_id, province=contract.province_id, city="")
    response = office_client.post(url("agreements.Contract", "add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    data.update(city=contract.city_id)
    response = office_client.post(url("agreements.Contract", "add"), data)
    assert response.status_code == 302
    assert Contract.objects.filter(number="NEW-1", city=contract.city).exists()


def test_office_user_cannot_move_a_project_out_of_their_region(world, office_client):
    project = world.home["projects.CooperationProject"]
    site = world.home["projects.ProjectSite"]
    data = {
        "code": project.code,
        "title_zh": project.title_zh,
        "department": project.department_id,
        "status": project.status,
        "sites-TOTAL_FORMS": "1",
        "sites-INITIAL_FORMS": "1",
        "sites-0-id": site.pk,
        "sites-0-project": project.pk,
        "sites-0-province": site.province_id,
        "sites-0-city": site.city_id,
        "sites-0-DELETE": "on",
    }
    response = office_client.post(url("projects.CooperationProject", "change", project.pk), data)
    assert response.status_code == 403
    assert project.sites.filter(pk=site.pk).exists()


def test_auditor_reads_everything_and_changes_nothing(world, client, auditor):
    client.force_login(auditor)
    far = world.far["agreements.Contract"]
    response = client.get(url("agreements.Contract", "change", far.pk))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert client.post(url("agreements.Contract", "change", far.pk), {}).status_code == 403
    assert client.get(url("agreements.Contract", "add")).status_code == 403


@pytest.mark.parametrize(
    ("label", "view"),
    [("agreements.Contract", "changelist"), ("agreements.Payment", "changelist")],
)
def test_office_changelist_queries_do_not_grow_with_rows(
    world, office_client, django_assert_max_num_queries, label, view
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.agreements.tests.factories import ContractFactory, PaymentFactory

    with CaptureQueriesContext(connection) as few:
        assert office_client.get(url(label, view)).status_code == 200
    organization = world.home["partners.Organization"]
    for _number in range(25):
        contract = ContractFactory(
            organization=organization, province=world.home_province, city=world.home_city
        )
        PaymentFactory(contract=contract)
    with django_assert_max_num_queries(len(few)):
        response = office_client.get(url(label, view))
    assert len(response.context["cl"].result_list) >= 25


def test_export_queries_do_not_grow_with_rows(world, office_client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.agreements.tests.factories import ContractFactory

    with CaptureQueriesContext(connection) as few:
        export_csv(office_client, "agreements.Contract")
    for _number in range(25):
        ContractFactory(
            organization=world.home["partners.Organization"],
            province=world.home_province,
            city=world.home_district,
        )
    with django_assert_max_num_queries(len(few)):
        rows = export_csv(office_client, "agreements.Contract")
    assert len(rows) == 1 + 2 + 25
