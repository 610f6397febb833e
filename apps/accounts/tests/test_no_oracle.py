"""No oracle: office staff learn nothing of another region's records from a refusal.

A reference to a record of another region is answered exactly as one to a record that does
not exist, in every channel (the API, the admin's forms, the import), and nothing is compared
with the other region's records before that refusal (a payment's instalment number on another
region's contract). A globally unique key (a contract number) taken anywhere is refused with
one sentence that names neither the record nor its region, the same whoever holds it.

The API rows are generated from the router: every writable relation of every resource's
serializer whose target lies in a region.
"""

import pytest
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.forms import ModelMultipleChoiceField
from django.utils import translation
from rest_framework.relations import ManyRelatedField, RelatedField, SlugRelatedField
from rest_framework.test import APIClient

from apps.accounts.tests.test_channel_matrix import (
    OTHERS,
    admin_url,
    api_routes,
    creation_payload,
    record,
)
from apps.agreements.models import Contract, Payment
from apps.agreements.resources import ContractResource
from apps.agreements.tests.factories import PaymentFactory
from apps.core.registry import registry
from apps.core.scope import NOT_IN_REGION, OUT_OF_REGION_FORM, record_type_of
from apps.operations import imports
from apps.operations.tests.conftest import AdminImporter, issues_by_line, xlsx_file
from apps.regions.models import City, Province

pytestmark = pytest.mark.django_db

MISSING_PK = 2_000_000_000
MISSING_CODE = "no-such-record"


def text_of(message, language):
    with translation.override(language):
        return str(message)


# --------------------------------------------------------------------------- the rows


def serializer_of(viewset):
    return getattr(viewset, "staff_serializer_class", None) or viewset.serializer_class


def writable_relations(serializer_class):
    """(name, relation field, many) of the serializer's writable relations."""
    for name, field in serializer_class().fields.items():
        if field.read_only:
            continue
        many = isinstance(field, ManyRelatedField)
        relation = field.child_relation if many else field
        if isinstance(relation, RelatedField):
            yield name, relation, many


def relation_rows():
    """(API prefix, field) for every writable relation to a record type that lies in a
    region, of every resource the router serves."""
    rows = []
    for model, (prefix, viewset) in api_routes().items():
        if not registry.get(model).regions:
            continue
        for name, relation, _many in writable_relations(serializer_of(viewset)):
            if record_type_of(relation.queryset.model).regions:
                rows.append((prefix, name))
    return rows


def other_region_record(world, model, place):
    if model is Province:
        return world.far_province if place == "far" else None
    if model is City:
        return getattr(world, f"{place}_city")
    return record(world, place, model._meta.label)


def values_for(world, viewset, name, place):
    """The value of a missing record and of another region's record for the field."""
    [(relation, many)] = [
        (relation, many)
        for field_name, relation, many in writable_relations(serializer_of(viewset))
        if field_name == name
    ]
    other = other_region_record(world, relation.queryset.model, place)
    if other is None:
        return None
    missing = MISSING_CODE if isinstance(relation, SlugRelatedField) else MISSING_PK
    theirs = relation.to_representation(other)
    return ([missing], [theirs]) if many else (missing, theirs)


def own_record(world, model):
    return record(world, "home", model._meta.label)


# --------------------------------------------------------------------------- API


@pytest.mark.parametrize("place", OTHERS)
@pytest.mark.parametrize(("prefix", "name"), relation_rows())
def test_api_answers_another_regions_record_as_a_missing_one(
    world, office_api, office_user, root_api, prefix, name, place
):
    """Created or changed, a reference to another region's record gets the very bytes a
    reference to no record gets, in both languages."""
    model, viewset = next((m, v) for m, (p, v) in api_routes().items() if p == prefix)
    values = values_for(world, viewset, name, place)
    if values is None:
        pytest.skip("a city's office sees its whole province as a place")
    missing, theirs = values
    own = own_record(world, model)
    payload = creation_payload(root_api, viewset, prefix, own)
    requests = {
        "create": lambda value, language: office_api.post(
            f"/api/v1/{prefix}/",
            {**payload, name: value},
            format="json",
            HTTP_ACCEPT_LANGUAGE=language,
        ),
        "change": lambda value, language: office_api.patch(
            f"/api/v1/{prefix}/{own.pk}/",
            {name: value},
            format="json",
            HTTP_ACCEPT_LANGUAGE=language,
        ),
    }
    allowed = {
        "create": office_user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}"),
        "change": office_user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"),
    }
    for action, send in requests.items():
        for language in ("en", "zh-hans"):
            to_missing, to_theirs = send(missing, language), send(theirs, language)
            assert (to_theirs.status_code, to_theirs.content) == (
                to_missing.status_code,
                to_missing.content,
            ), (action, language)
            if to_missing.status_code == 403:
                assert not allowed[action]
                continue
            if to_missing.status_code == 200:
                # A field the change does not take (a request's submitted fields): ignored
                # whatever its value, as the identical answers show.
                assert action == "change"
                continue
            assert to_missing.status_code == 400, to_missing.content
            assert to_missing.json()[name] == [text_of(NOT_IN_REGION, language)]


def test_api_payment_on_another_regions_contract_tells_nothing_of_its_instalments(
    world, office_api
):
    """Refused as "no such record in your region" before the instalment is compared with the
    other contract's: a taken and a free instalment number get the same answer, and that is
    the answer for a contract that does not exist."""
    theirs = record(world, "far", "agreements.Contract")
    PaymentFactory(contract=theirs, instalment=3)
    payment = {"amount": "1000.00", "due_on": "2025-01-01"}

    def post(contract, instalment):
        return office_api.post(
            "/api/v1/payments/",
            {**payment, "contract": contract, "instalment": instalment},
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )

    answers = {
        (response.status_code, response.content)
        for response in (post(theirs.pk, 3), post(theirs.pk, 4), post(MISSING_PK, 3))
    }
    assert len(answers) == 1, answers
    [(status, content)] = answers
    assert status == 400
    assert post(theirs.pk, 3).json() == {"contract": [text_of(NOT_IN_REGION, "en")]}


def taken_message(model, field_name, language):
    """The one sentence for a unique value already in use (``unique_error_message``)."""
    error = model().unique_error_message(model, (field_name,))
    with translation.override(language):
        return next(iter(ValidationError({field_name: [error]}).message_dict[field_name]))


def test_api_taken_contract_number_is_one_sentence_wherever_the_contract_is(
    world, office_api, root_api
):
    """Own region's number or another region's: the same refusal, which says the number is in
    use and nothing of a contract, its existence or its region."""
    own = own_record(world, Contract)
    payload = creation_payload(root_api, api_routes()[Contract][1], "contracts", own)
    answers = {}
    for place in ("home", *OTHERS):
        number = record(world, place, "agreements.Contract").number
        for language in ("en", "zh-hans"):
            response = office_api.post(
                "/api/v1/contracts/",
                {**payload, "number": number},
                format="json",
                HTTP_ACCEPT_LANGUAGE=language,
            )
            assert response.status_code == 400, response.content
            answers.setdefault(language, set()).add(response.content)
            assert response.json() == {"number": [taken_message(Contract, "number", language)]}
    assert all(len(contents) == 1 for contents in answers.values()), answers
    assert "exist" not in taken_message(Contract, "number", "en")
    assert "存在" not in taken_message(Contract, "number", "zh-hans")


def filter_rows():
    """(API prefix, filter) of every list filter naming a record of a type that lies in a
    region (geography apart: every place is public)."""
    rows = []
    for _model, (prefix, viewset) in api_routes().items():
        filterset_class = getattr(viewset, "filterset_class", None)
        for name, record_filter in getattr(filterset_class, "base_filters", {}).items():
            queryset = getattr(record_filter, "queryset", None)
            if not isinstance(queryset, QuerySet) or queryset.model in (Province, City):
                continue
            if record_type_of(queryset.model).regions:
                rows.append((prefix, name))
    return rows


@pytest.mark.parametrize("who", ["office", "anonymous"])
@pytest.mark.parametrize(("prefix", "name"), filter_rows())
def test_api_filter_by_an_unseen_record_is_answered_as_by_a_missing_one(
    world, office_api, prefix, name, who
):
    """Filtering a list by another region's unpublished record: not an empty list (which
    would tell the record exists) but the answer for a record that does not exist."""
    client = office_api if who == "office" else APIClient()
    model, viewset = next((m, v) for m, (p, v) in api_routes().items() if p == prefix)
    record_filter = viewset.filterset_class.base_filters[name]
    target = record(world, "near", record_filter.queryset.model._meta.label)
    key = record_filter.extra.get("to_field_name") or "pk"
    to_missing = client.get(f"/api/v1/{prefix}/", {name: MISSING_PK}, HTTP_ACCEPT_LANGUAGE="en")
    to_theirs = client.get(
        f"/api/v1/{prefix}/", {name: getattr(target, key)}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (to_theirs.status_code, to_theirs.content) == (
        to_missing.status_code,
        to_missing.content,
    )
    if to_missing.status_code in (401, 403):
        return
    assert to_missing.status_code == 400, to_missing.content
    assert to_missing.json() == {name: [text_of(NOT_IN_REGION, "en")]}


# --------------------------------------------------------------------------- the service


def test_service_refuses_another_regions_contract_before_comparing_instalments(world, office_user):
    theirs = record(world, "far", "agreements.Contract")
    PaymentFactory(contract=theirs, instalment=5)
    payment = Payment(contract=theirs, instalment=5, amount=100, due_on="2025-01-01")

    with pytest.raises(ValidationError) as refused:
        registry.get(Payment).save(user=office_user, instance=payment)
    # Where it would lie and what it points to; not a word of the other contract's instalments.
    assert refused.value.message_dict == {
        "contract": [str(NOT_IN_REGION)],
        NON_FIELD_ERRORS: [str(OUT_OF_REGION_FORM)],
    }


# --------------------------------------------------------------------------- admin


def admin_relation_rows():
    """(model label, form field) of every foreign key and many-to-many field the admin's add
    form offers for a regional record type, whose target lies in a region."""
    rows = []
    for model in admin.site._registry:
        record_type = registry.find(model)
        if record_type is None or not record_type.regions:
            continue
        for field in model._meta.get_fields():
            if not (field.many_to_one or field.many_to_many) or not field.concrete:
                continue
            if not field.editable or not record_type_of(field.related_model).regions:
                continue
            rows.append((model._meta.label, field.name))
    return rows


@pytest.mark.parametrize("place", OTHERS)
@pytest.mark.parametrize(("label", "name"), admin_relation_rows())
def test_admin_form_answers_another_regions_record_as_a_missing_one(
    world, office_user, rf, label, name, place
):
    """The admin's own add form for office staff (as ``get_form`` builds it for them)."""
    model = registry.get(label).model
    target = model._meta.get_field(name).related_model
    other = other_region_record(world, target, place)
    if other is None:
        pytest.skip("a city's office sees its whole province as a place")
    model_admin = admin.site._registry[model]
    request = rf.post(admin_url(model, "add"))
    request.user = office_user
    if not model_admin.has_add_permission(request):
        return
    form_class = model_admin.get_form(request)
    if name not in form_class.base_fields:
        return

    many = isinstance(form_class.base_fields[name], ModelMultipleChoiceField)

    def errors_for(value):
        form = form_class(data={name: [value] if many else value})
        form.is_valid()
        return form.errors.get_json_data()

    with translation.override("zh-hans"):
        to_missing, to_theirs = errors_for(MISSING_PK), errors_for(other.pk)
    assert to_theirs == to_missing
    assert to_missing[name][0]["message"] == text_of(NOT_IN_REGION, "zh-hans")


def test_admin_taken_contract_number_is_one_sentence_wherever_the_contract_is(world, office_client):
    answers = set()
    for place in ("home", *OTHERS):
        number = record(world, place, "agreements.Contract").number
        response = office_client.post(admin_url(Contract, "add"), {"number": number})
        errors = response.context["adminform"].form.errors["number"]
        answers.add(tuple(errors))
    assert answers == {(taken_message(Contract, "number", "zh-hans"),)}
    assert "存在" not in taken_message(Contract, "number", "zh-hans")


# --------------------------------------------------------------------------- import


def test_import_taken_contract_number_is_the_apis_sentence(world, office_client, job_folders):
    """A sheet line whose number is another region's contract's: the import cannot update a
    record the user does not see, nor create a second one with that number. It says so with
    the API's sentence for a taken number."""
    resource = ContractResource()
    headers = resource.get_export_headers()
    own = own_record(world, Contract)
    [cells] = list(resource.export_rows(Contract.objects.filter(pk=own.pk)))
    number_column = headers.index(str(Contract._meta.get_field("number").verbose_name))
    rows = [headers]
    for place in OTHERS:
        line = list(cells)
        line[number_column] = record(world, place, "agreements.Contract").number
        rows.append(line)

    _response, job = AdminImporter(office_client, "agreements.Contract").upload(xlsx_file(rows))
    imports.import_job_validate(job_id=job.pk)
    job.refresh_from_db()
    taken = taken_message(Contract, "number", "zh-hans")
    assert issues_by_line(job) == {2: {"合同编号": [taken]}, 3: {"合同编号": [taken]}}


def test_import_reference_to_another_regions_record_reads_as_one_to_no_record(
    world, office_client, job_folders
):
    """A payment line naming another region's contract is told what a line naming no contract
    is told (the value written apart), and nothing of its instalments."""
    theirs = record(world, "far", "agreements.Contract")
    PaymentFactory(contract=theirs, instalment=3)
    rows = [
        ("contract", "instalment", "amount", "due on"),
        (theirs.number, 3, 100, "2025-01-01"),
        ("NO-SUCH-CONTRACT", 3, 100, "2025-01-01"),
    ]

    _response, job = AdminImporter(office_client, "agreements.Payment").upload(xlsx_file(rows))
    imports.import_job_validate(job_id=job.pk)
    issues = issues_by_line(job)
    assert issues[2]
    told_theirs = {
        column: [message.replace(theirs.number, "…") for message in messages]
        for column, messages in issues[2].items()
    }
    told_missing = {
        column: [message.replace("NO-SUCH-CONTRACT", "…") for message in messages]
        for column, messages in issues[3].items()
    }
    assert told_theirs == told_missing
