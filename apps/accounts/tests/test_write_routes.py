"""Every write route, tried by those who may not write there: nothing is written.

The routes are generated, not listed: every URL of every ModelAdmin registered on the admin
site (the change and add forms, delete, the history revert form that django-simple-history
adds, the changelist's actions, imports and every custom view a ModelAdmin adds), and every
write method of every API router route (create, update, partial update, delete and the extra
actions). A library or a record type that adds a route adds its rows here.

Two kinds of users try them:

* the auditor, who may view everything and change nothing;
* office staff of the world's first city, against records of another region (the ``near``
  and ``far`` records of ``conftest.make_world``) and against the reference data they may
  only view (departments, provinces, an office's duties …).

Each request carries what a browser or client would send to make the change: the record's own
form (or API representation) with a text changed. A superuser sending the same request to the
revert form and the API changes the record: the payloads would write if the route let them.

"Nothing written" is checked on the whole database, not on the record alone: every table is
fingerprinted before and after each request (sessions and login records apart), so a route
that writes a history row, a job, a log entry or another record is caught too.
"""

import datetime
import decimal
import io

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.tests.conftest import factory_for, regional_types
from apps.api.urls import router
from apps.core.registry import registry
from apps.core.scope import object_in_scope

pytestmark = pytest.mark.django_db

# Tables a refused request may still write: the session of the user who sent it and the
# login-failure bookkeeping. Everything else must be byte for byte what it was.
VOLATILE_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog"}
OTHERS = ("near", "far")
CHANGED_MARK = "（改）"
# Free-text fields an API payload changes, the first one a record has.
TEXT_FIELDS = ("title_zh", "name_zh", "summary_zh", "description_zh", "note", "remarks")


# --------------------------------------------------------------------------- fingerprints


def table_fingerprints(tables=None):
    """{table: md5 of its rows}, for the given tables or every table but the volatile ones."""
    with connection.cursor() as cursor:
        if tables is None:
            tables = set(connection.introspection.table_names(cursor))
        tables = sorted(set(tables) - VOLATILE_TABLES)
        if not tables:
            return {}
        selects = " UNION ALL ".join(
            f"SELECT '{table}', md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
            f"FROM {connection.ops.quote_name(table)} t"
            for table in tables
        )
        cursor.execute(selects)
        return dict(cursor.fetchall())


def touched_counts():
    """Rows inserted, updated or deleted per table so far in this transaction (the test's)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
        )
        return dict(cursor.fetchall())


class Ledger:
    """Whether a request wrote anything: the tables PostgreSQL saw touched since the last
    look are compared, row for row, with their contents at the start (a write rolled back
    leaves them as they were, and is no write)."""

    def __init__(self):
        self.start = table_fingerprints()
        self.counts = touched_counts()

    def written(self):
        counts = touched_counts()
        touched = {table for table, count in counts.items() if self.counts.get(table) != count}
        self.counts = counts
        now = table_fingerprints(touched & self.start.keys())
        return sorted(table for table, digest in now.items() if self.start[table] != digest)


# --------------------------------------------------------------------------- the rows


def admin_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


def regional_labels():
    return {t.model._meta.label_lower for t in regional_types()}


def admin_routes(model):
    """(url name, number of path arguments) of every URL the model's admin adds."""
    routes = []
    for pattern in admin.site._registry[model].get_urls():
        if not pattern.name:
            continue
        arguments = pattern.pattern.regex.groups
        routes.append((pattern.name, arguments))
    return routes


def targets_for(world, model, role):
    """The records of ``model`` the role tries to change: another region's for office staff
    of a regional type, otherwise any record there is (reference data, jobs, settings)."""
    label = model._meta.label_lower
    if role == "office" and label in regional_labels():
        return [world_record(world, place, model) for place in OTHERS]
    if role == "office" and label in ("regions.province", "regions.city"):
        return [world.far_province if label == "regions.province" else world.far_city]
    first = model._default_manager.order_by("pk").first()
    if first is None and registry.find(model) is not None:
        first = factory_for(model)()
    return [first] if first is not None else []


def world_record(world, place, model):
    return getattr(world, place)[model._meta.label]


# --------------------------------------------------------------------------- payloads


def admin_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    request.session = {}
    request.COOKIES = {}
    request.LANGUAGE_CODE = "zh-hans"
    return request


def form_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, list | tuple):
        return [form_value(item) for item in value]
    if isinstance(value, datetime.datetime | datetime.date | decimal.Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return str(value.pk)
    return value


def changed_text_field(form):
    """A free-text field of the form whose change shows (a title, a name, a note)."""
    for name, field in form.fields.items():
        if field.__class__.__name__ != "CharField" or getattr(field, "choices", None):
            continue
        if field.disabled:
            continue
        return name
    return None


def admin_form_data(root, model, obj):
    """What a browser sends from the record's change form, with one text changed; the
    management data of every inline (no inline row changed)."""
    model_admin = admin.site._registry[model]
    request = admin_request(root)
    form = model_admin.get_form(request, obj, change=obj is not None)(instance=obj)
    data = {}
    for name in form.fields:
        value = form_value(form[name].value())
        if value == "" or value == []:
            continue
        data[name] = value
    text = changed_text_field(form)
    if text is not None:
        data[text] = f"{data.get(text, '')}{CHANGED_MARK}"[: form.fields[text].max_length or 500]
    if obj is not None:
        for formset, _inline in model_admin.get_formsets_with_inlines(request, obj):
            prefix = formset.get_default_prefix()
            data.update(
                {
                    f"{prefix}-TOTAL_FORMS": "0",
                    f"{prefix}-INITIAL_FORMS": "0",
                    f"{prefix}-MIN_NUM_FORMS": "0",
                    f"{prefix}-MAX_NUM_FORMS": "1000",
                }
            )
    data["_save"] = "Save"
    return data


def history_id(obj):
    history = getattr(obj, "history", None)
    if history is None:
        return None
    version = history.order_by("history_id").first()
    return version.history_id if version else None


def route_args(arguments, obj):
    if arguments == 0:
        return []
    if obj is None:
        return None
    if arguments == 1:
        return [obj.pk]
    version = history_id(obj)
    return None if version is None else [obj.pk, version]


def admin_requests(root, model, obj, *, importer=False):
    """(what, url, data) of every write request to the model's admin against ``obj``; the
    import only for a user who may not import (one who may gets a job whose lines are checked
    against their region: the channel matrix's import rows)."""
    model_admin = admin.site._registry[model]
    data = admin_form_data(root, model, obj)
    tried = []
    for name, arguments in admin_routes(model):
        args = route_args(arguments, obj)
        if args is None:
            continue
        url = reverse(f"admin:{name}", args=args)
        if name.endswith("_changelist") and obj is not None:
            for action in model_admin.get_actions(admin_request(root)):
                tried.append(
                    (
                        f"{name} action {action}",
                        url,
                        {"action": action, "_selected_action": [obj.pk], "post": "yes"},
                    )
                )
            continue
        if name.endswith("_delete"):
            tried.append((name, url, {"post": "yes"}))
            continue
        if name.endswith("_import"):
            if importer:
                continue
            upload = io.BytesIO("\ufeffid\n".encode())
            upload.name = "rows.csv"
            tried.append((name, url, {"import_file": upload}))
            continue
        tried.append((name, url, data))
    return tried


# --------------------------------------------------------------------------- users


@pytest.fixture
def root(db):
    return get_user_model().objects.create_superuser(username="routes-root", password=None)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def user_for(role, request):
    return request.getfixturevalue("auditor" if role == "auditor" else "office_user")


# --------------------------------------------------------------------------- admin


@pytest.mark.parametrize("role", ["auditor", "office"])
@pytest.mark.parametrize("model", admin_models(), ids=lambda model: model._meta.label)
def test_admin_write_routes_write_nothing_for_those_who_may_not(world, root, request, role, model):
    user = user_for(role, request)
    client = logged_in(user)
    importer = admin.site._registry[model].has_add_permission(admin_request(user))
    targets = targets_for(world, model, role) or [None]
    ledger = Ledger()
    for obj in targets:
        if role == "office" and obj is not None and _may_change(request, model, obj):
            continue
        for what, url, data in admin_requests(root, model, obj, importer=importer):
            response = client.post(url, data)
            assert response.status_code < 500, (what, response.status_code)
            assert not ledger.written(), (what, url, response.status_code)


def _may_change(request, model, obj):
    """Office staff keep their own region's records: those are not tried here (the channel
    matrix shows them refused everywhere else)."""
    user = request.getfixturevalue("office_user")
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}") and object_in_scope(
        user, obj
    )


def revertable_types():
    return [
        t.model
        for t in registry.all()
        if t.model in admin.site._registry and hasattr(t.model, "history")
    ]


@pytest.mark.parametrize("model", revertable_types(), ids=lambda model: model._meta.label)
def test_the_revert_payload_writes_for_a_superuser(world, root, model):
    """The control: the revert form request the others send does change the record."""
    [obj] = targets_for(world, model, "auditor")[:1]
    client = logged_in(root)
    url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history",
        args=[obj.pk, history_id(obj)],
    )
    ledger = Ledger()
    response = client.post(url, admin_form_data(root, model, obj))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert model._meta.db_table in ledger.written()


# --------------------------------------------------------------------------- API


def api_routes():
    """(prefix, viewset) of every router route that accepts a write."""
    return [
        (prefix, viewset)
        for prefix, viewset, _basename in router.registry
        if set(getattr(viewset, "http_method_names", ())) & {"post", "put", "patch", "delete"}
        and any(
            hasattr(viewset, method) for method in ("create", "update", "destroy", "partial_update")
        )
    ]


def api_payload(root_client, prefix, obj):
    shown = root_client.get(f"/api/v1/{prefix}/{obj.pk}/")
    if shown.status_code != 200:
        return {}
    payload = {name: value for name, value in shown.json().items() if name != "id"}
    for name in TEXT_FIELDS:
        if isinstance(payload.get(name), str):
            payload[name] = f"{payload[name]}{CHANGED_MARK}"
            break
    return payload


def api_requests(root_client, prefix, viewset, obj):
    payload = api_payload(root_client, prefix, obj) if obj is not None else {}
    tried = [("create", "post", f"/api/v1/{prefix}/", payload)]
    if obj is not None:
        detail = f"/api/v1/{prefix}/{obj.pk}/"
        tried += [
            ("update", "put", detail, payload),
            ("partial update", "patch", detail, payload),
            ("delete", "delete", detail, None),
        ]
    for action in viewset.get_extra_actions():
        methods = set(action.mapping) - {"get", "head", "options"}
        for method in methods:
            if action.detail and obj is None:
                continue
            path = action.url_path
            url = (
                f"/api/v1/{prefix}/{obj.pk}/{path}/"
                if action.detail
                else f"/api/v1/{prefix}/{path}/"
            )
            tried.append((action.__name__, method, url, payload))
    return tried


@pytest.mark.parametrize("role", ["auditor", "office"])
@pytest.mark.parametrize(
    ("prefix", "viewset"), api_routes(), ids=[prefix for prefix, _viewset in api_routes()]
)
def test_api_write_routes_write_nothing_for_those_who_may_not(
    world, root_api, request, role, prefix, viewset
):
    client = APIClient()
    client.force_authenticate(user_for(role, request))
    model = viewset.queryset.model
    targets = targets_for(world, model, role) or [None]
    ledger = Ledger()
    for obj in targets:
        if role == "office" and obj is not None and _may_change(request, model, obj):
            continue
        for what, method, url, payload in api_requests(root_api, prefix, viewset, obj):
            response = getattr(client, method)(url, payload, format="json")
            assert response.status_code < 500, (what, url, response.content[:300])
            assert response.status_code >= 400, (what, url, response.status_code)
            assert not ledger.written(), (what, url, response.status_code)


@pytest.mark.parametrize(
    ("prefix", "viewset"), api_routes(), ids=[prefix for prefix, _viewset in api_routes()]
)
def test_the_api_payload_writes_for_a_superuser(world, root_api, prefix, viewset):
    """The control: the partial update the others send does change the record."""
    model = viewset.queryset.model
    targets = targets_for(world, model, "auditor")
    if not targets:
        pytest.skip(f"no {model._meta.label} in the world")
    [obj] = targets[:1]
    payload = api_payload(root_api, prefix, obj)
    ledger = Ledger()
    response = root_api.patch(f"/api/v1/{prefix}/{obj.pk}/", payload, format="json")
    assert response.status_code == 200, response.content[:500]
    assert model._meta.db_table in ledger.written()
