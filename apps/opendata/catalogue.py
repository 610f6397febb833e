"""The whole set as a Frictionless Data Package and as a DCAT catalogue (JSON-LD, rdflib)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from apps.opendata.datasets import DATASETS, LICENCE
from apps.opendata.formats import MEDIA_TYPES

FORMATS = ("csv", "xlsx", "json")
LANGUAGE_TAGS = {"zh-hans": "zh-Hans"}
FORMAT_NAMES = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}
DCAT_CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "xsd": str(XSD),
}


def _in_each_language(text):
    """{BCP 47 language tag: the text in that language}."""
    values = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values[LANGUAGE_TAGS.get(code, code)] = str(text)
    return values


def datapackage():
    """``datapackage.json``: every dataset as a CSV resource with its table schema; paths are
    relative to the package, so it can be read where it is served or downloaded beside it."""
    resources = []
    for dataset in DATASETS:
        schema = {"fields": [field.schema() for field in dataset.fields]}
        if any(field.name == "id" for field in dataset.fields):
            schema["primaryKey"] = ["id"]
        resources.append(
            {
                "name": dataset.key,
                "path": f"{dataset.key}.csv",
                "title": str(dataset.title),
                "description": str(dataset.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "licenses": [LICENCE],
                "schema": schema,
            }
        )
    return {
        "name": "university-region-cooperation",
        "title": pgettext("open data", "University–region cooperation open data"),
        "licenses": [LICENCE],
        "created": timezone.now().isoformat(timespec="seconds"),
        "resources": resources,
    }


def dcat_graph(base_url):
    """The catalogue as an RDF graph: a dcat:Catalog of dcat:Datasets, each with a
    dcat:Distribution per download format."""
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    with translation.override(settings.LANGUAGE_CODE):  # one address per dataset
        data_url = base_url.rstrip("/") + reverse("opendata:index")
    catalog = URIRef(data_url)
    licence = URIRef(LICENCE["path"])
    graph.add((catalog, RDF.type, DCAT.Catalog))
    title = pgettext("open data", "University–region cooperation open data")
    for language, text in _in_each_language(title).items():
        graph.add((catalog, DCTERMS.title, Literal(text, lang=language)))
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, FOAF.homepage, URIRef(data_url)))
    for dataset in DATASETS:
        node = URIRef(f"{data_url}#{dataset.key}")
        graph.add((catalog, DCAT.dataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(dataset.key)))
        for language, text in _in_each_language(dataset.title).items():
            graph.add((node, DCTERMS.title, Literal(text, lang=language)))
        for language, text in _in_each_language(dataset.description).items():
            graph.add((node, DCTERMS.description, Literal(text, lang=language)))
        graph.add((node, DCTERMS.license, licence))
        modified = dataset.modified()
        if modified is not None:
            graph.add((node, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
        for fmt in FORMATS:
            url = URIRef(f"{data_url}{dataset.key}.{fmt}")
            graph.add((node, DCAT.distribution, url))
            graph.add((url, RDF.type, DCAT.Distribution))
            graph.add((url, DCAT.downloadURL, url))
            graph.add((url, DCAT.mediaType, Literal(MEDIA_TYPES[fmt].split(";")[0])))
            graph.add((url, DCTERMS.format, Literal(FORMAT_NAMES[fmt])))
            graph.add((url, DCTERMS.license, licence))
    return graph


def dcat_jsonld(base_url):
    return dcat_graph(base_url).serialize(format="json-ld", context=DCAT_CONTEXT, indent=1)
