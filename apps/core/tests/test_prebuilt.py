"""Anonymous downloads are files built once per data version, never computed per request."""

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.http import FileResponse

from apps.core import pagecache, prebuilt
from apps.core.tasks import build_download

pytestmark = pytest.mark.django_db

BUILDS = []


def _write(args, fmt, target):
    BUILDS.append((args, fmt))
    target.write(f"{args}:{pagecache.current_version()}\n".encode())


prebuilt.register("sample", _write)


@pytest.fixture(autouse=True)
def fresh():
    BUILDS.clear()
    cache.clear()
    yield
    BUILDS.clear()


def _body(response):
    return b"".join(response.streaming_content).decode()


def test_a_download_is_built_once_for_a_data_version_and_then_read_from_its_file():
    first = prebuilt.serve("sample", "a", "csv", filename="a.csv", content_type="text/csv")
    second = prebuilt.serve("sample", "a", "csv", filename="a.csv", content_type="text/csv")
    assert _body(first) == _body(second)
    assert BUILDS == [("a", "csv")]
    assert first["Content-Disposition"] == 'attachment; filename="a.csv"'
    built = list(prebuilt.root().rglob("sample--a.csv"))
    assert len(built) == 1 and not list(prebuilt.root().rglob("*.part"))


def test_after_a_change_the_previous_file_is_served_while_the_next_is_built():
    before = _body(prebuilt.serve("sample", "a", "csv", filename="a.csv", content_type="text/csv"))
    old_version = pagecache.current_version()
    new_version = pagecache.bump_version()
    assert new_version != old_version
    # The first reader after the change gets the file there is, without waiting, and the
    # build of the next one is queued once for the worker.
    stale = _body(prebuilt.serve("sample", "a", "csv", filename="a.csv", content_type="text/csv"))
    assert cache.get(prebuilt._lock_key("sample", "a", "csv", new_version)) == 1
    build_download("sample", "a", "csv", new_version)  # what the worker runs
    fresh = _body(prebuilt.serve("sample", "a", "csv", filename="a.csv", content_type="text/csv"))
    assert stale == before == f"a:{old_version}\n"
    assert fresh == f"a:{new_version}\n"
    assert BUILDS == [("a", "csv"), ("a", "csv")]


def test_old_versions_are_removed_once_two_newer_exist():
    for _ in range(4):
        pagecache.bump_version()
        prebuilt.build("sample", "b", "csv", pagecache.current_version())
    assert len(list(prebuilt.root().rglob("sample--b.csv"))) == 2


def test_names_that_could_leave_the_folder_are_refused():
    from django.http import Http404

    for args in ["../x", "a/b", "", "a b"]:
        if not args:
            continue
        with pytest.raises(Http404):
            prebuilt.path_for("sample", args, "csv", 1)
    with pytest.raises(Http404):
        prebuilt.serve("unknown-kind", "a", "csv", filename="x", content_type="text/csv")


def test_behind_the_proxy_the_file_is_handed_over_by_its_internal_address(settings):
    settings.DOWNLOADS_ACCEL_REDIRECT = "/protected-downloads/"
    response = prebuilt.serve("sample", "c", "csv", filename="c.csv", content_type="text/csv")
    release = pagecache.code_release()
    version = pagecache.current_version()
    assert response["X-Accel-Redirect"] == (
        f"/protected-downloads/{release}/{version}/sample--c.csv"
    )
    assert response.content == b""


def _fail_midway(args, fmt, target):
    target.write(b"id\n1\n")
    raise OperationalError("the database went away")


prebuilt.register("failing", _fail_midway)


def test_a_build_that_fails_midway_leaves_no_file_and_no_half_file():
    with pytest.raises(OperationalError):
        prebuilt.serve("failing", "a", "csv", filename="a.csv", content_type="text/csv")
    assert not [p for p in prebuilt.root().rglob("*") if p.is_file()]
    # Nothing half-built is ever sent: the next request tries again from the start.
    with pytest.raises(OperationalError):
        prebuilt.serve("failing", "a", "csv", filename="a.csv", content_type="text/csv")


def test_an_anonymous_whole_list_download_is_its_file_and_lists_what_a_filtered_one_does(db):
    from rest_framework.test import APIClient

    from apps.partners.tests.factories import OrganizationFactory

    OrganizationFactory.create_batch(3)
    hidden = OrganizationFactory(is_public=False, name_zh="不公开的单位")
    anonymous = APIClient()
    # The whole list (no filter) is the file; a filter that narrows nothing is computed
    # for its request: both list the same public rows with the same columns.
    whole = anonymous.get("/api/v1/organizations/", {"format": "csv"})
    assert whole.status_code == 200
    assert isinstance(whole, FileResponse)
    computed = anonymous.get("/api/v1/organizations/", {"format": "csv", "is_public": "true"})
    whole_text = b"".join(whole.streaming_content).decode("utf-8-sig")
    assert whole_text == b"".join(computed.streaming_content).decode("utf-8-sig")
    assert whole_text.count("\n") == 4  # the header and three public organizations
    assert hidden.name_zh not in whole_text
    assert list(prebuilt.root().rglob("api-list--organizations.zh-hans.csv"))
    # In English, the English file (its columns are the same machine-readable names; the note
    # after the bound, where there is one, is in English).
    english = anonymous.get("/api/v1/organizations/?format=csv", HTTP_ACCEPT_LANGUAGE="en")
    assert b"".join(english.streaming_content) == whole_text.encode("utf-8-sig")
    assert list(prebuilt.root().rglob("api-list--organizations.en.csv"))
