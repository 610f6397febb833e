"""The channel matrix: every registered record type × every channel that serves it.

The rows are generated, not listed: record types from the registry (``apps.core.registry``),
admin channels from the admin site's registrations and URL names, API channels from the API
router, public pages from the public URL configuration. Registering a record type (with a
factory in its app's ``tests/factories.py``) adds its rows.

The world (``conftest.make_world``) holds one record of every regional type in each of four
places: the office user's city and one of its districts (theirs), another city of the same
province and a city of another province (not theirs; the last one public). In every channel,
office staff of the first city can neither read nor change a record of the other two, and
anonymous users see only published records and no private field.

The background channels are rows too: the admin import (a line per importable type of
``apps.operations.resources.IMPORTABLE`` whose key names another region's record: a line
error, none of its values on the preview, nothing written on confirming), the admin export
past its background threshold, the API summary of another region (what anonymous users get)
and the annual report (refused for another region; the own region's report names none of
the other regions' records). The jobs are run here as the worker would run them.
"""

import csv
import io
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.urls import NoReverseMatch, get_resolver, resolve, reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from apps.accounts.tests.conftest import regional_types
from apps.api.urls import router
from apps.core.registry import registry
from apps.operations import exports, imports, services
from apps.operations.models import ExportJob, ReportJob
from apps.operations.resources import IMPORTABLE
from apps.operations.tests.conftest import AdminImporter, xlsx_file
from apps.search.services import rebuild_index

pytestmark = pytest.mark.django_db

OTHERS = ("near", "far")
OWN = ("home", "district")
REFUSED_MESSAGES = (
    "No such record in your region.",
    "This record would lie outside your region",
)


# --------------------------------------------------------------------------- the rows


def labels_of(types):
    return [record_type.model._meta.label for record_type in types]


def admin_of(model):
    return admin.site._registry.get(model)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def has_admin_url(model, view):
    try:
        admin_url(model, view)
    except NoReverseMatch:
        return False
    return True


def admin_types():
    return [t for t in regional_types() if admin_of(t.model) is not None]


def export_types():
    return [t for t in admin_types() if has_admin_url(t.model, "export")]


def autocomplete_rows():
    """(source model label, field, target label) for every autocomplete field of every admin
    that offers records of a registered regional type."""
    rows = []
    regional = {t.model for t in regional_types()}
    for model, model_admin in admin.site._registry.items():
        for name in model_admin.autocomplete_fields:
            target = model._meta.get_field(name).related_model
            if target in regional:
                rows.append((model._meta.label, name, target._meta.label))
    return rows


def api_routes():
    """{model: (prefix, viewset)} of the router's record endpoints (stats apart)."""
    routes = {}
    for prefix, viewset, _basename in router.registry:
        if not prefix.startswith("stats/"):
            routes.setdefault(viewset.queryset.model, (prefix, viewset))
    return routes


def api_types():
    routes = api_routes()
    return [t for t in regional_types() if t.model in routes]


def stats_rows():
    return [
        (prefix, viewset.queryset.model._meta.label, next(iter(viewset.dimensions)))
        for prefix, viewset, _basename in router.registry
        if prefix.startswith("stats/") and registry.find(viewset.queryset.model)
    ]


def public_detail_routes():
    """Public pages of one record: (URL name, keyword), from the public URL configuration."""
    _prefix, public = get_resolver().namespace_dict["public"]
    routes = set()
    for name, entries in public.reverse_dict.lists():
        if not isinstance(name, str) or not name.endswith("_detail"):
            continue
        for _possibilities, _pattern, _defaults, converters in entries:
            if len(converters) == 1:
                routes.add((name, next(iter(converters))))
    return sorted(routes)


# --------------------------------------------------------------------------- helpers


def record(world, place, label):
    return getattr(world, place)[label]


def snapshot(obj):
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    return model_to_dict(fresh)


def viewable(user, model):
    return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")


def api_ids(client, prefix, **params):
    response = client.get(f"/api/v1/{prefix}/", {"page_size": 100, **params})
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    return {row["id"] for row in body["results"]}, body["results"]


# --------------------------------------------------------------------------- admin


@pytest.mark.parametrize("label", labels_of(admin_types()))
def test_office_admin_changelist_lists_no_other_region_record(
    world, office_client, office_user, label
):
    model = registry.get(label).model
    response = office_client.get(admin_url(model, "changelist"))
    if not viewable(office_user, model):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    listed = {obj.pk for obj in response.context["cl"].result_list}
    assert {record(world, place, label).pk for place in OWN} <= listed
    assert not listed & {record(world, place, label).pk for place in OTHERS}


@pytest.mark.parametrize("label", labels_of(admin_types()))
@pytest.mark.parametrize("place", OTHERS)
def test_office_admin_refuses_other_region_record(world, office_client, label, place):
    target = record(world, place, label)
    model = type(target)
    before = snapshot(target)
    index = reverse("admin:index")

    for view in ("change", "history", "delete"):
        response = office_client.get(admin_url(model, view, target.pk))
        refused = response.status_code in (403, 404) or (
            response.status_code == 302 and response.url == index
        )
        assert refused, (view, response.status_code)
    changed = office_client.post(admin_url(model, "change", target.pk), {"_save": "Save"})
    assert changed.status_code in (403, 404) or changed.url == index
    deleted = office_client.post(admin_url(model, "delete", target.pk), {"post": "yes"})
    assert deleted.status_code in (302, 403, 404)
    assert snapshot(target) == before


@pytest.mark.parametrize(("source", "field", "target"), autocomplete_rows())
def test_office_admin_autocomplete_offers_no_other_region_record(
    world, office_client, office_user, source, field, target
):
    app_label, model_name = source.lower().split(".")
    response = office_client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field, "term": ""},
    )
    if response.status_code == 403:
        return
    assert response.status_code == 200
    offered = {int(result["id"]) for result in response.json()["results"]}
    assert not offered & {record(world, place, target).pk for place in OTHERS}
    if viewable(office_user, registry.get(target).model):
        assert {record(world, place, target).pk for place in OWN} <= offered


def export_rows(client, model):
    page = client.get(admin_url(model, "export"))
    if page.status_code == 403:
        return None
    assert page.status_code == 200
    data = {"format": "1", "resource": "0"}
    for name, form_field in page.context["form"].fields.items():
        if form_field.__class__.__name__ == "BooleanField":
            data[name] = "on"
    response = client.post(admin_url(model, "export"), data)
    assert response.status_code == 200, response.content[:300]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("label", labels_of(export_types()))
def test_office_admin_export_holds_no_other_region_record(world, office_client, label):
    model = registry.get(label).model
    rows = export_rows(office_client, model)
    if rows is None:
        return
    expected = model.objects.filter(pk__in=[record(world, p, label).pk for p in OWN])
    assert len(rows) - 1 == expected.count()


# --------------------------------------------------------------------------- API


@pytest.mark.parametrize("label", labels_of(api_types()))
def test_office_api_lists_and_exports_no_other_region_record(world, office_api, office_user, label):
    model = registry.get(label).model
    prefix, viewset = api_routes()[model]
    others = {record(world, place, label).pk for place in OTHERS}
    listed, _rows = api_ids(office_api, prefix)
    assert not listed & others
    if viewable(office_user, model):
        assert {record(world, place, label).pk for place in OWN} <= listed
    if viewset.export is not None:
        response = office_api.get(f"/api/v1/{prefix}/", {"format": "csv"})
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(b"".join(response).decode("utf-8-sig"))))
        assert not {int(row["id"]) for row in rows if row.get("id")} & others


@pytest.mark.parametrize("label", labels_of(api_types()))
@pytest.mark.parametrize("place", OTHERS)
def test_office_api_refuses_other_region_record(world, office_api, label, place):
    target = record(world, place, label)
    prefix, _viewset = api_routes()[type(target)]
    before = snapshot(target)
    detail = f"/api/v1/{prefix}/{target.pk}/"

    assert office_api.get(detail).status_code in (403, 404)
    assert office_api.patch(detail, {}, format="json").status_code in (403, 404)
    assert office_api.put(detail, {}, format="json").status_code in (403, 404, 405)
    assert office_api.delete(detail).status_code in (403, 404)
    assert snapshot(target) == before


def unique_sets(model):
    """The field sets the model keeps unique (fields, unique_together, unique constraints)."""
    sets = [(f.name,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    sets += [tuple(together) for together in model._meta.unique_together]
    sets += [tuple(c.fields) for c in model._meta.constraints if getattr(c, "fields", None)]
    return sets


def changed(value):
    """Another valid value of the same kind: a later-numbered text, a higher number, an
    earlier date (so an end date stays after it)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value + 1000
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{int(value[:4]) - 3}{value[4:]}"
    if isinstance(value, str):
        return f"{value}x"
    return None


def creation_payload(root_api, viewset, prefix, source):
    """What a client would post to create a copy of ``source`` (unique values changed)."""
    shown = root_api.get(f"/api/v1/{prefix}/{source.pk}/").json()
    serializer = getattr(viewset, "staff_serializer_class", None) or viewset.serializer_class
    fields = serializer().fields
    payload = {
        name: shown[name] for name, field in fields.items() if not field.read_only and name in shown
    }
    model = type(source)
    for names in unique_sets(model):
        for name in names:
            if model._meta.get_field(name).is_relation:
                continue
            value = changed(payload.get(name))
            if value is not None:
                payload[name] = value
                break
    return payload


@pytest.mark.parametrize("label", labels_of(api_types()))
def test_office_api_cannot_create_in_other_region(world, office_api, office_user, root_api, label):
    record_type = registry.get(label)
    model = record_type.model
    prefix, viewset = api_routes()[model]
    count = model.objects.count()
    addable = office_user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}")

    for place in OTHERS:
        payload = creation_payload(root_api, viewset, prefix, record(world, place, label))
        refused = office_api.post(
            f"/api/v1/{prefix}/", payload, format="json", HTTP_ACCEPT_LANGUAGE="en"
        )
        assert refused.status_code in (400, 403), refused.content[:300]
        if refused.status_code == 400:
            body = refused.content.decode()
            assert any(message in body for message in REFUSED_MESSAGES), body
        assert model.objects.count() == count

    # The same payload built from the user's own record is accepted: the refusal above was
    # the region's, not a malformed request's. (A project lies where its sites are, added
    # after it: it cannot be created in a region on its own.)
    if addable and not any(path.via for path in record_type.regions):
        payload = creation_payload(root_api, viewset, prefix, record(world, "home", label))
        created = office_api.post(f"/api/v1/{prefix}/", payload, format="json")
        assert created.status_code == 201, created.content[:500]


@pytest.mark.parametrize(("prefix", "label", "group_by"), stats_rows())
def test_office_stats_count_own_region_only(world, office_api, prefix, label, group_by):
    response = office_api.get(f"/api/v1/{prefix}/", {"group_by": group_by})
    assert response.status_code == 200, response.content[:300]
    rows = response.json()
    rows = rows.get("results", rows) if isinstance(rows, dict) else rows
    # One record of each type in the user's city and one in its district; none elsewhere.
    assert sum(row["count"] for row in rows) == len(OWN)


# --------------------------------------------------------------------------- anonymous


@pytest.mark.parametrize("label", labels_of(api_types()))
def test_anonymous_api_shows_published_records_and_public_fields_only(world, label):
    record_type = registry.get(label)
    model = record_type.model
    prefix, _viewset = api_routes()[model]
    anonymous = APIClient()
    everyone = [record(world, place, label) for place in OWN + OTHERS]
    published = set(
        model.objects.published()
        .filter(pk__in=[r.pk for r in everyone])
        .values_list("pk", flat=True)
    )

    response = anonymous.get(f"/api/v1/{prefix}/", {"page_size": 100})
    if response.status_code in (401, 403):
        assert not published
        return
    listed = {row["id"] for row in response.json()["results"]}
    assert listed & {r.pk for r in everyone} == published
    for row in response.json()["results"]:
        assert not set(row) & set(record_type.private_fields), row
    for hidden in everyone:
        if hidden.pk not in published:
            assert anonymous.get(f"/api/v1/{prefix}/{hidden.pk}/").status_code in (401, 403, 404)


def samples(world, label):
    """The world's records of a type, by place: its four places for the geography itself."""
    key = label.lower()
    if key == "regions.province":
        return {"home": world.home_province, "far": world.far_province}
    if key == "regions.city":
        return {
            "home": world.home_city,
            "district": world.home_district,
            "near": world.near_city,
            "far": world.far_city,
        }
    return {place: record(world, place, label) for place in OWN + OTHERS}


def page_types(url_name):
    """The record types a public page shows one of: ``<name>_detail`` for the model whose name
    ends with ``<name>`` (organization, cooperationproject, jointinstitute …)."""
    stem = url_name.removesuffix("_detail")
    return [t for t in registry.all() if t.regions and t.model._meta.model_name.endswith(stem)]


@pytest.mark.parametrize(("url_name", "keyword"), public_detail_routes())
def test_anonymous_public_page_shows_published_records_only(world, client, url_name, keyword):
    types = page_types(url_name)
    assert types, f"{url_name} shows no registered record type"
    shown = 0
    for record_type in types:
        model = record_type.model
        published = set(model.objects.published().values_list("pk", flat=True))
        for place, target in samples(world, model._meta.label).items():
            url = reverse(f"public:{url_name}", kwargs={keyword: getattr(target, keyword)})
            status = client.get(url).status_code
            if target.pk not in published:
                assert status == 404, (model._meta.label, place, url)
            else:
                assert status == 200, (model._meta.label, place, url)
                shown += 1
    assert shown, f"no published record opened {url_name}: the row would test nothing"


@pytest.fixture(scope="module")
def indexed(world, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild_index()


def hits_for(client, target):
    """The search page's results for the record's own words that link to the record."""
    response = client.get(reverse("public:search"), {"q": str(target)})
    assert response.status_code == 200
    found = []
    for group in response.context["groups"]:
        for result in group["results"]:
            match = resolve(urlsplit(result["url"]).path)
            if not match.url_name or not match.namespace.endswith("public"):
                continue
            if type(target)._meta.label.lower() not in {
                t.label for t in page_types(match.url_name)
            }:
                continue
            if any(str(getattr(target, key)) == str(value) for key, value in match.kwargs.items()):
                found.append(result["url"])
    return found


@pytest.mark.parametrize("label", labels_of(regional_types()))
def test_anonymous_search_finds_no_unpublished_record(world, indexed, client, label):
    model = registry.get(label).model
    published = set(model.objects.published().values_list("pk", flat=True))
    for place in OWN + OTHERS:
        target = record(world, place, label)
        if target.pk not in published:
            assert not hits_for(client, target), (label, place)


def test_anonymous_search_finds_published_records(world, indexed, client):
    found = [
        label
        for label in labels_of(regional_types())
        if hits_for(client, record(world, "far", label))
    ]
    assert "partners.Organization" in found
    assert "projects.CooperationProject" in found


# --------------------------------------------------------------------------- background jobs


def import_types():
    """Every regional record type the admin imports (``apps.operations.resources``)."""
    return [t for t in admin_types() if t.model in IMPORTABLE and has_admin_url(t.model, "import")]


def sheet_of(obj):
    """The record as the import's own export writes it: {column name: cell}, and headers."""
    resource = IMPORTABLE[type(obj)]()
    fields = resource.get_export_fields()
    [cells] = list(resource.export_rows(type(obj)._default_manager.filter(pk=obj.pk)))
    return resource, dict(zip([f.column_name for f in fields], cells, strict=True)), fields


def texts(cells):
    return {str(value) for value in cells if value not in (None, "") and len(str(value)) >= 3}


@pytest.mark.parametrize("label", labels_of(import_types()))
@pytest.mark.parametrize("place", OTHERS)
def test_office_import_cannot_preview_or_change_other_region_record(
    world, office_client, office_user, job_folders, label, place
):
    """A sheet line holding the office's own record's values under the key of another
    region's record: a line error, none of that record's values on the preview, no write."""
    target = record(world, place, label)
    model = type(target)
    before, count = snapshot(target), model.objects.count()
    resource, own, fields = sheet_of(record(world, "home", label))
    _resource, theirs, _fields = sheet_of(target)
    keys = [resource.fields[name].column_name for name in resource.get_import_id_fields()]
    line = {**own, **{column: theirs[column] for column in keys}}
    upload = xlsx_file([resource.get_export_headers(), [line[f.column_name] for f in fields]])

    response, job = AdminImporter(office_client, label).upload(upload)
    if job is None:  # no import for this role: refused before any line is read
        assert response.status_code == 403, response.status_code
        assert not office_user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}")
        return
    imports.import_job_validate(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "invalid", job.status
    # Refused on its key: taken (a code or number), or no such record to belong to (a
    # payment's contract), as for a key naming no record at all.
    keys_written = {
        resource.column_label(resource.fields[name].attribute)
        for name in resource.get_import_id_fields()
    }
    issues = list(job.issues.filter(line=2).values_list("column", "message"))
    assert {column for column, _message in issues} & keys_written, issues
    html = office_client.get(reverse("admin:operations_importjob_change", args=[job.pk]))
    # Their values the line does not repeat (a membership's may all be its key's).
    secrets = texts(theirs.values()) - texts(line.values())
    assert not [secret for secret in secrets if secret in html.content.decode()]

    confirm = office_client.post(reverse("admin:operations_importjob_confirm", args=[job.pk]))
    assert confirm.status_code in (302, 403, 404)
    imports.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.confirmed_at is None
    assert snapshot(target) == before
    assert model.objects.count() == count


@pytest.mark.parametrize("label", labels_of(export_types()))
def test_office_background_admin_export_holds_no_other_region_record(
    world, office_client, office_user, job_folders, settings, label
):
    """Past the threshold the admin's export is a job the worker writes (run here as the
    worker would): still the office's own records only."""
    settings.EXPORT_BACKGROUND_THRESHOLD = 1
    model = registry.get(label).model
    page = office_client.get(admin_url(model, "export"))
    if page.status_code == 403:
        return
    data = {"format": "1", "resource": "0"}
    for name, form_field in page.context["form"].fields.items():
        if form_field.__class__.__name__ == "BooleanField":
            data[name] = "on"
    response = office_client.post(admin_url(model, "export"), data)
    assert response.status_code == 302, response.content[:300]
    job = ExportJob.objects.get(requested_by=office_user)
    exports.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "done", job.error
    content = exports.job_path(job).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) - 1 == job.rows_written == len(OWN)


def summary_places(world):
    """(parameter, place, the office's own region?) for the summary's region filter."""
    return [
        ("city", world.home_city, True),
        ("city", world.near_city, False),
        ("city", world.far_city, False),
        ("province", world.home_province, False),
        ("province", world.far_province, False),
    ]


def test_office_api_summary_of_other_regions_is_the_published_one(world, office_api):
    """A region the office does not see in full gives it what anonymous users get; its own
    city gives it its own records, unpublished ones included."""
    anonymous = APIClient()
    for parameter, place, own in summary_places(world):
        query = {parameter: place.code}
        theirs = office_api.get("/api/v1/stats/summary/", query)
        public = anonymous.get("/api/v1/stats/summary/", query)
        assert theirs.status_code == public.status_code == 200
        if own:
            assert theirs.json()["contracts"] == len(OWN) > public.json()["contracts"]
        else:
            assert theirs.json() == public.json(), (parameter, place.code)


def report_request(client, world, **region):
    """The admin's report request, for the year the far contract was signed in."""
    before = set(ReportJob.objects.values_list("pk", flat=True))
    year = record(world, "far", "agreements.Contract").signed_on.year
    data = {"year": year, "province": "", "city": "", "language": "zh-hans"}
    data.update({name: place.pk for name, place in region.items()})
    response = client.post(reverse("admin:operations_reportjob_add"), data)
    return response, ReportJob.objects.exclude(pk__in=before).first()


@pytest.mark.parametrize("region", ["near_city", "far_city", "home_province", "far_province"])
def test_office_cannot_request_a_report_of_another_region(world, office_client, region):
    place = getattr(world, region)
    response, job = report_request(office_client, world, **{region.split("_")[1]: place})
    assert job is None
    assert response.status_code in (200, 403)


def report_cells(job):
    book = load_workbook(services.report_file_path(job, "xlsx"))
    return {
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    }


def record_texts(obj):
    return {
        str(getattr(obj, name))
        for name in ("number", "code", "title_zh", "name_zh")
        if getattr(obj, name, None)
    }


def test_office_report_of_own_region_holds_no_other_region_record(
    world, office_client, job_folders, django_user_model
):
    response, job = report_request(office_client, world, city=world.home_city)
    assert response.status_code == 302 and job is not None
    assert services.report_generate(job_id=job.pk)
    job.refresh_from_db()
    cells = report_cells(job)
    others = {
        label: record_texts(record(world, place, label)) & cells
        for label in labels_of(regional_types())
        for place in OTHERS
    }
    assert not any(others.values()), others

    # The check can fail: the whole university's report lists the far (published) contract.
    root = django_user_model.objects.create_superuser(username="report-root", password=None)
    whole = ReportJob.objects.create(year=job.year, language="zh-hans", requested_by=root)
    assert services.report_generate(job_id=whole.pk)
    whole.refresh_from_db()
    assert record_texts(record(world, "far", "agreements.Contract")) & report_cells(whole)
