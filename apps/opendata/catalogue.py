"""The whole set as a Frictionless Data Package and as a DCAT catalogue (JSON-LD, rdflib)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext, pgettext_lazy
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, Namespace

from apps.opendata.datasets import DATASETS, LICENCE
from apps.opendata.formats import MEDIA_TYPES

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

FORMATS = ("csv", "xlsx", "json")
LANGUAGE_TAGS = {"zh-hans": "zh-Hans"}
FORMAT_NAMES = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}
DCAT_CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "xsd": str(XSD),
}
# DCAT-AP's controlled vocabularies (EU Publications Office authority tables).
CHINA = URIRef("http://publications.europa.eu/resource/authority/country/CHN")
THEME = URIRef("http://publications.europa.eu/resource/authority/data-theme/TECH")
LANGUAGES = (
    URIRef("http://publications.europa.eu/resource/authority/language/ZHO"),
    URIRef("http://publications.europa.eu/resource/authority/language/ENG"),
)
CATALOGUE_TITLE = pgettext_lazy("open data", "University–region cooperation open data")
CATALOGUE_DESCRIPTION = pgettext_lazy(
    "open data",
    "Published records of Tsinghua University's cooperation with China's provinces, cities "
    "and enterprises (agreements, projects, institutes, funds, offices, exchange events, "
    "achievements), the regional figures by year, and lookup tables for their codes and ids.",
)
PUBLISHER_NAME = pgettext_lazy(
    "open data", "Science and Technology Development Department, Tsinghua University"
)
KEYWORDS = (
    pgettext_lazy("open data keyword", "university–region cooperation"),
    pgettext_lazy("open data keyword", "technology transfer"),
    pgettext_lazy("open data keyword", "Tsinghua University"),
)


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


def _add_texts(graph, node, predicate, text):
    for language, value in _in_each_language(text).items():
        graph.add((node, predicate, Literal(value, lang=language)))


def _publisher(graph, data_url):
    """The department publishing the data, as a foaf:Agent."""
    publisher = URIRef(f"{data_url}#publisher")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, RDF.type, FOAF.Organization))
    _add_texts(graph, publisher, FOAF.name, PUBLISHER_NAME)
    return publisher


def _contact_point(graph, data_url):
    """Whom to ask about the data (a vcard:Organization): the department, by its public
    mailbox and telephone where configured, and the open-data page."""
    contact = URIRef(f"{data_url}#contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    _add_texts(graph, contact, VCARD.fn, PUBLISHER_NAME)
    department = settings.DEPARTMENT_CONTACT
    if department.get("email"):
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{department['email']}")))
    if department.get("phone"):
        graph.add((contact, VCARD.hasTelephone, URIRef(f"tel:{department['phone']}")))
    graph.add((contact, VCARD.hasURL, URIRef(data_url)))
    return contact


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
    graph.bind("vcard", VCARD)
    for language, text in _in_each_language(CATALOGUE_TITLE).items():
        graph.add((catalog, DCTERMS.title, Literal(text, lang=language)))
    _add_texts(graph, catalog, DCTERMS.description, CATALOGUE_DESCRIPTION)
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, FOAF.homepage, URIRef(data_url)))
    publisher = _publisher(graph, data_url)
    contact = _contact_point(graph, data_url)
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.spatial, CHINA))
    for language in LANGUAGES:
        graph.add((catalog, DCTERMS.language, language))
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
        graph.add((node, DCTERMS.publisher, publisher))
        graph.add((node, DCAT.contactPoint, contact))
        graph.add((node, DCTERMS.spatial, CHINA))
        graph.add((node, DCAT.theme, THEME))
        for keyword in (*KEYWORDS, dataset.title):
            _add_texts(graph, node, DCAT.keyword, keyword)
        span = dataset.temporal()
        if span is not None:
            period = BNode()
            graph.add((node, DCTERMS.temporal, period))
            graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
            graph.add((period, DCAT.startDate, Literal(span[0], datatype=XSD.date)))
            graph.add((period, DCAT.endDate, Literal(span[1], datatype=XSD.date)))
        modified = dataset.modified()
        if modified is not None:
            graph.add((node, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
        for fmt in FORMATS:
            url = URIRef(f"{data_url}{dataset.key}.{fmt}")
            graph.add((node, DCAT.distribution, url))
            graph.add((url, RDF.type, DCAT.Distribution))
            graph.add((url, DCAT.accessURL, URIRef(f"{data_url}#{dataset.key}")))
            graph.add((url, DCAT.downloadURL, url))
            graph.add((url, DCAT.mediaType, Literal(MEDIA_TYPES[fmt].split(";")[0])))
            graph.add((url, DCTERMS.format, Literal(FORMAT_NAMES[fmt])))
            graph.add((url, DCTERMS.license, licence))
    return graph


def dcat_jsonld(base_url):
    return dcat_graph(base_url).serialize(format="json-ld", context=DCAT_CONTEXT, indent=1)
