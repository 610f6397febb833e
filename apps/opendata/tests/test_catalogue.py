import csv
import io
import json
import re

import frictionless
import pytest
from openpyxl import load_workbook
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from apps.core.registry import registry
from apps.opendata.catalogue import VCARD
from apps.opendata.datasets import DATASETS, RecordDataset
from apps.opendata.tests.conftest import body


@pytest.mark.django_db
def test_the_data_package_passes_frictionless_validation(sample, client, tmp_path):
    package = client.get("/data/datapackage.json")
    assert package.status_code == 200
    (tmp_path / "datapackage.json").write_bytes(package.content)
    resources = json.loads(package.content)["resources"]
    assert {resource["name"] for resource in resources} == {d.key for d in DATASETS}
    for resource in resources:
        download = client.get(f"/data/{resource['path']}")
        assert download.status_code == 200
        (tmp_path / resource["path"]).write_bytes(body(download))

    report = frictionless.validate(str(tmp_path / "datapackage.json"))

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(DATASETS)
    events = frictionless.Resource(str(tmp_path / "events.csv"))
    assert sum(1 for _row in events.read_rows()) == 3  # the sample's public events only


@pytest.mark.django_db
def test_the_dcat_catalogue_lists_every_dataset_with_its_distributions(sample, client):
    response = client.get("/data/catalog.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    graph = Graph().parse(data=response.content, format="json-ld")

    [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = set(graph.objects(catalog, DCAT.dataset))
    identifiers = {str(graph.value(dataset, DCTERMS.identifier)) for dataset in datasets}
    assert identifiers == {d.key for d in DATASETS}
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        titles = {
            title.language.lower(): str(title) for title in graph.objects(dataset, DCTERMS.title)
        }
        assert set(titles) == {"zh-hans", "en"} and titles["zh-hans"] != titles["en"]
        assert graph.value(dataset, DCTERMS.license) is not None
        distributions = list(graph.objects(dataset, DCAT.distribution))
        formats = {str(graph.value(d, DCTERMS.format)) for d in distributions}
        assert formats == {"CSV", "XLSX", "JSON"}
        for distribution in distributions:
            url = str(graph.value(distribution, DCAT.downloadURL))
            assert client.get(url.removeprefix("http://testserver")).status_code == 200


@pytest.mark.django_db
def test_downloads_hold_published_records_and_public_fields_only(sample, client):
    for dataset in [d for d in DATASETS if isinstance(d, RecordDataset)]:
        rows = list(
            csv.reader(
                io.StringIO(body(client.get(f"/data/{dataset.key}.csv")).decode("utf-8-sig"))
            )
        )
        header = rows[0]
        private = set(registry.get(dataset.label).private_fields)
        assert not private & set(header)
        assert "is_public" not in header
        assert len(rows) - 1 == dataset.records().count()
    projects = body(client.get("/data/projects.csv")).decode()
    assert "secret" not in projects and "保密" not in projects
    events_json = json.loads(body(client.get("/data/events.json")))
    assert "hidden-event" not in {row["code"] for row in events_json["rows"]}
    workbook = load_workbook(io.BytesIO(body(client.get("/data/events.xlsx"))), read_only=True)
    sheet = workbook.active
    assert sheet.max_row == len(events_json["rows"]) + 1
    assert "amount" not in body(client.get("/data/agreements.csv")).decode().splitlines()[0]


@pytest.mark.django_db
def test_the_data_page_describes_each_dataset_in_both_languages(sample, client):
    chinese = client.get("/data/").content.decode()
    english = client.get("/en/data/").content.decode()
    for dataset in DATASETS:
        assert f'id="{dataset.key}"' in chinese and f'id="{dataset.key}"' in english
        assert f"/data/{dataset.key}.xlsx" in chinese
    assert "开放数据" in chinese and "字段说明" in chinese
    assert "Open data" in english and "Field definitions" in english
    assert "CC-BY-4.0" in chinese or "Creative Commons" in chinese


@pytest.mark.django_db
def test_a_download_takes_the_same_queries_for_few_rows_and_many(
    sample, client, django_assert_num_queries
):
    from apps.events.tests.factories import ExchangeEventFactory

    # Built once for the data version (apps.core.prebuilt), then sent from its file: no query.
    built = body(client.get("/data/events.csv"))
    with django_assert_num_queries(0):
        assert body(client.get("/data/events.csv")) == built
    ExchangeEventFactory.create_batch(30)
    # After a change the first reader is sent the file there is while the next is built.
    with django_assert_num_queries(0):
        body(client.get("/data/events.csv"))


@pytest.mark.django_db
def test_the_dcat_catalogue_carries_dcat_ap_recommended_properties(sample, client):
    """DCAT-AP: a dataset's publisher, contact point, keywords, spatial and temporal coverage
    and theme; a distribution's access URL; English titles in English (checked with rdflib
    against the properties DCAT-AP 3 lists, no SHACL shapes file)."""
    graph = Graph().parse(data=client.get("/data/catalog.jsonld").content, format="json-ld")
    [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
    titles = {t.language.lower(): str(t) for t in graph.objects(catalog, DCTERMS.title)}
    assert titles["en"] == "University–region cooperation open data"
    assert titles["zh-hans"] == "校地合作开放数据"
    assert graph.value(catalog, DCTERMS.description) is not None
    publisher = graph.value(catalog, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    names = {n.language.lower(): str(n) for n in graph.objects(publisher, FOAF.name)}
    assert names["en"].startswith("Science and Technology Development Department")
    for dataset in graph.objects(catalog, DCAT.dataset):
        key = str(graph.value(dataset, DCTERMS.identifier))
        assert graph.value(dataset, DCTERMS.publisher) == publisher
        contact = graph.value(dataset, DCAT.contactPoint)
        assert (contact, RDF.type, VCARD.Organization) in graph
        assert graph.value(contact, VCARD.fn) is not None
        keywords = {(k.language.lower(), str(k)) for k in graph.objects(dataset, DCAT.keyword)}
        assert ("en", "technology transfer") in keywords and ("zh-hans", "技术转移") in keywords
        assert graph.value(dataset, DCTERMS.spatial) is not None
        assert graph.value(dataset, DCAT.theme) is not None
        english = [t for t in graph.objects(dataset, DCTERMS.title) if t.language == "en"]
        assert english and not re.search(r"[\u4e00-\u9fff]", str(english[0])), key
        if key in ("agreements", "events", "regional-figures"):
            period = graph.value(dataset, DCTERMS.temporal)
            assert period is not None, key
            start, end = graph.value(period, DCAT.startDate), graph.value(period, DCAT.endDate)
            assert start.toPython() <= end.toPython()
        for distribution in graph.objects(dataset, DCAT.distribution):
            assert graph.value(distribution, DCAT.accessURL) is not None


@pytest.mark.django_db
def test_projects_carry_their_regions_and_ids_have_lookup_tables(sample, client):
    rows = list(
        csv.DictReader(io.StringIO(body(client.get("/data/projects.csv")).decode("utf-8-sig")))
    )
    assert rows and all("province_codes" in row for row in rows)
    assert any("640000" in row["province_codes"].split(";") for row in rows)  # soil: Ningxia
    provinces = body(client.get("/data/lookup-province.csv")).decode("utf-8-sig")
    assert "640000" in provinces and "Ningxia" in provinces
    cities = body(client.get("/data/lookup-city.csv")).decode("utf-8-sig")
    assert "320500" in cities and "Suzhou" in cities
    departments = list(
        csv.DictReader(
            io.StringIO(body(client.get("/data/lookup-department.csv")).decode("utf-8-sig"))
        )
    )
    ids = {row["id"] for row in departments}
    assert all(row["department_id"] in ids for row in rows if row["department_id"])
    assert "热能工程系" in {row["name_zh"] for row in departments}
