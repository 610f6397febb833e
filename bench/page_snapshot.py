"""Save the HTML of the public pages over the demo data, to compare two versions of the code.

Not a test (it asserts nothing): run it before and after a change of the public site and diff
the two folders, which must be identical where nothing was meant to change::

    SNAPSHOT_DIR=/tmp/pages-before bash scripts/test bench/page_snapshot.py -n 0 -q
    SNAPSHOT_DIR=/tmp/pages-after bash scripts/test bench/page_snapshot.py -n 0 -q
    diff -r /tmp/pages-before /tmp/pages-after

The time the data last changed (written on every page and dossier) is the time the demo was
loaded: it is replaced by a placeholder so that two runs compare.
"""

import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from apps.public.tests.sample import clear_caches

pytestmark = pytest.mark.django_db

LANGUAGES = ("zh-hans", "en")
# (URL name, model label, lookup field) of every public list and record page.
RECORD_PAGES = (
    ("project", "projects.CooperationProject", "code"),
    ("institute", "institutes.JointInstitute", "code"),
    ("fund", "funds.CooperationFund", "code"),
    ("office", "offices.CooperationOffice", "code"),
    ("event", "events.ExchangeEvent", "code"),
)
LIST_QUERIES = (
    "",
    "?province=320000",
    "?province=320000&city=320500",
    "?page=2",
    "?year=2015",
    "?province=320000&page=2",
    "?kind=fair",
    "?status=ongoing",
    "?when=upcoming",
    "?when=past&page=3",
    "?department=thermal",
    "?unknown=1&province=x",
)
SEARCHES = (
    "?q=苏州",
    "?q=汽车&kind=institute",
    "?q=Suzhou",
    "?q=技术&province=320000",
    "?q=合作&kind=event&page=2",
    "?q=zzzznothing",
)
CHANGED_AT = re.compile(
    r"(?<=Data updated )[^(<]*(?= \(Beijing time\))|(?<=数据更新至)[^（<]*(?=（北京时间）)"
    r"|(?<=As of )[^(<]*(?= \(Beijing time\))|(?<=数据截至 )[^（<]*(?=（北京时间）)"
)


def _paths():
    paths = [
        reverse("public:home"),
        reverse("public:region_index"),
        reverse("public:definitions"),
        reverse("public:province_detail", args=["320000"]),
        reverse("public:province_detail", args=["640000"]),
        reverse("public:province_detail", args=["110000"]),
        reverse("public:city_detail", args=["320500"]),
        reverse("public:city_detail", args=["320509"]),
        reverse("public:city_detail", args=["210300"]),
        reverse("dossiers:province", args=["320000"]),
        reverse("dossiers:city", args=["320500"]),
        reverse("dossiers:city", args=["320509"]),
        reverse("public:home_table_download", args=["provinces", "csv"]),
        reverse("public:province_table_download", args=["320000", "cities", "csv"]),
    ]
    for name, label, field in RECORD_PAGES:
        list_path = reverse(f"public:{name}_list")
        paths += [list_path + query for query in LIST_QUERIES]
        model = apps.get_model(label)
        codes = list(model.objects.order_by(field).values_list(field, flat=True)[:3])
        codes += list(model.objects.order_by(f"-{field}").values_list(field, flat=True)[:2])
        hidden = model.objects.filter(is_public=False).values_list(field, flat=True).first()
        if hidden:
            codes.append(hidden)
        paths += [reverse(f"public:{name}_detail", args=[code]) for code in codes]
        paths.append(reverse(f"public:{name}_detail", args=["no-such-record"]))
    organizations = apps.get_model("partners.Organization").objects.filter(is_public=True)
    for pk in organizations.order_by("pk").values_list("pk", flat=True)[:3]:
        paths.append(reverse("public:organization_detail", args=[pk]))
    search = reverse("public:search")
    paths += [search, *(search + query for query in SEARCHES)]
    return paths


def test_save_public_pages(demo_data, client):
    folder = Path(os.environ.get("SNAPSHOT_DIR", "/tmp/page-snapshot"))
    folder.mkdir(parents=True, exist_ok=True)
    saved = 0
    for language in LANGUAGES:
        with translation.override(language):
            paths = _paths()
        for path in paths:
            clear_caches()
            response = client.get(path)
            body = response.content.decode()
            body = CHANGED_AT.sub("<changed-at>", body)
            name = re.sub(r"[^\w.-]+", "_", path.strip("/")) or "home"
            (folder / f"{language}__{name}.html").write_text(
                f"{response.status_code}\n{body}", encoding="utf-8"
            )
            saved += 1
    print(f"saved {saved} pages to {folder}")
