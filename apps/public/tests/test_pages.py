import re
from decimal import Decimal

import pytest
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import translation

from apps.agreements.models import Contract, ContractStatus, CooperationAgreement
from apps.agreements.tests.factories import ContractFactory
from apps.core.money import money_amount, money_with_unit
from apps.events.models import ExchangeEvent
from apps.funds.models import CooperationFund
from apps.institutes.models import JointInstitute
from apps.offices.models import CooperationOffice
from apps.projects.models import CooperationProject, ProjectSite
from apps.projects.tests.factories import CooperationProjectFactory, ProjectSiteFactory
from apps.public.tests.sample import (
    JIANGSU_AMOUNTS,
    NINGXIA_AMOUNT,
    SECRET_AMOUNT,
    clear_caches,
)
from apps.public.weight import page_weight
from apps.regions.models import City, CityLevel

pytestmark = pytest.mark.django_db


def figures(response):
    html = response.content.decode()
    found = re.findall(
        r'data-figure="(\w+)">\s*<dt>.*?</dt>\s*<dd class="figure__value">(.*?)</dd>', html, re.S
    )
    # Read as text: a sum's no-break space and word joiner are a space and nothing.
    return {
        name: re.sub(r"<[^>]+>", "", value).replace("\u00a0", " ").replace("\u2060", "").strip()
        for name, value in found
    }


def amount_forms(amount):
    """The ways a page could print one amount (raw, grouped, in 万元 or in millions)."""
    amount = Decimal(amount)
    forms = {
        str(amount),
        f"{amount:,.2f}",
        f"{amount / 10**4:.1f}",
        f"{amount / 10**6:.1f}",
        f"{amount / 10**6:.2f}",
    }
    for language in ("zh-hans", "en"):
        with translation.override(language):
            forms.add(money_amount(amount))
    return forms


def orm_home_figures(today):
    """The home page's figures computed here, directly and independently, with the ORM."""
    public = Q(is_public=True)
    places = set()
    sources = [
        CooperationAgreement.objects.filter(public, province__isnull=False),
        Contract.objects.filter(public).exclude(status=ContractStatus.DRAFT),
        JointInstitute.objects.filter(public),
        CooperationFund.objects.filter(public),
        CooperationOffice.objects.filter(public),
        ExchangeEvent.objects.filter(public),
        ProjectSite.objects.filter(project__is_public=True),
    ]
    for source in sources:
        places |= set(source.values_list("province_id", "city_id"))
    cities = City.objects.filter(pk__in={c for _p, c in places if c})
    prefectures = {
        c.parent_id or c.pk for c in cities if c.parent_id or c.level == CityLevel.PREFECTURE
    }
    contracts = (
        Contract.objects.filter(public)
        .exclude(status=ContractStatus.DRAFT)
        .aggregate(n=Count("id"), total=Sum("amount"))
    )
    funds = CooperationFund.objects.filter(public).aggregate(
        n=Count("id"), total=Sum("committed_amount")
    )
    events = ExchangeEvent.objects.filter(public)
    return {
        "provinces": str(len({p for p, _c in places})),
        "cities": str(len(prefectures)),
        "contracts": f"{contracts['n']:,}",
        "contracts_value": money_with_unit(contracts["total"]),
        "projects": f"{CooperationProject.objects.filter(public).count():,}",
        "institutes": str(JointInstitute.objects.filter(public).count()),
        "funds": str(funds["n"]),
        "offices": str(CooperationOffice.objects.filter(public, closed_on__isnull=True).count()),
        "events_this_year": str(
            events.filter(start_on__year=today.year, start_on__lte=today).count()
        ),
        "events_last_year": str(events.filter(start_on__year=today.year - 1).count()),
    }


def test_home_figures_equal_those_computed_directly_from_the_database(client, sample):
    response = client.get("/en/")
    assert response.status_code == 200
    with translation.override("en"):
        expected = orm_home_figures(sample.today)
    assert figures(response) == expected
    # The sample's own numbers, so the comparison above cannot pass vacuously.
    assert expected["provinces"] == "2"
    assert expected["cities"] == "2"
    assert expected["contracts"] == "5"
    assert expected["events_this_year"] == "1"


def test_region_page_figures_count_only_that_regions_public_records(client, sample):
    response = client.get(reverse("public:province_detail", args=["320000"]))
    shown = figures(response)
    assert shown["contracts"] == "4"
    assert shown["projects"] == "1"
    assert shown["institutes"] == "1"
    assert shown["funds"] == "1"
    assert shown["offices"] == "1"
    assert shown["agreements"] == "1"
    # Withheld: the national total minus Jiangsu's would be Ningxia's single contract.
    assert shown["contracts_value"] == "不公开"


def test_region_values_are_published_once_no_contract_can_be_worked_out(client, sample):
    for number in range(2):
        ContractFactory(
            number=f"CT-NX-more-{number}",
            organization=sample.soil_project.partners.get(),
            amount=Decimal("1000000.00"),
        )
    # One of Suzhou's contracts lies in its district Wujiang (moved as a bulk update would).
    Contract.objects.filter(number="CT-JS-0").update(city=sample.wujiang)
    with translation.override("zh-hans"):
        jiangsu_total = money_with_unit(sum(JIANGSU_AMOUNTS))
    province = figures(client.get(reverse("public:province_detail", args=["320000"])))
    assert province["contracts_value"] == jiangsu_total
    city = figures(client.get(reverse("public:city_detail", args=["320500"])))
    assert city["contracts_value"] == jiangsu_total  # all of Jiangsu's contracts are in Suzhou
    district = figures(client.get(reverse("public:city_detail", args=["320509"])))
    assert district["contracts"] == "1"
    assert district["contracts_value"] == "不公开"  # a district is never broken out


def test_city_page_includes_its_districts(client, sample):
    response = client.get(reverse("public:city_detail", args=["320500"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert sample.oled_project.title_zh in html  # applied in Wujiang, a district of Suzhou
    assert sample.institute.name_zh in html


def test_no_page_shows_an_individual_contracts_amount(client, sample):
    pages = [
        "/",
        "/en/",
        "/regions/",
        "/en/regions/",
        reverse("public:province_detail", args=["640000"]),
        reverse("public:province_detail", args=["320000"]),
        reverse("public:city_detail", args=["640100"]),
        reverse("public:office_detail", args=["suzhou-office"]),
        "/en" + reverse("public:office_detail", args=["suzhou-office"]),
        reverse("public:organization_detail", args=[sample.soil_project.partners.get().pk]),
    ]
    for page in pages:
        html = client.get(page).content.decode()
        for amount in [NINGXIA_AMOUNT, SECRET_AMOUNT, *JIANGSU_AMOUNTS]:
            for form in amount_forms(amount):
                assert form not in html, (page, form)


def test_a_value_that_would_let_one_contract_be_worked_out_is_withheld(client, sample):
    # Ningxia has a single contract and the national total is published, so Jiangsu's value
    # (national total minus Jiangsu = Ningxia's amount) must be withheld on every page.
    assert client.get("/en/regions/").content.decode().count(">withheld<") >= 2
    for language, prefix in (("zh-hans", ""), ("en", "/en")):
        with translation.override(language):
            jiangsu_total = money_amount(sum(JIANGSU_AMOUNTS))
        for page in ["/", "/regions/", "/regions/320000/", "/cities/320500/", "/cities/320509/"]:
            html = client.get(prefix + page).content.decode()
            assert jiangsu_total not in html, prefix + page


def test_non_public_records_never_appear(client, sample):
    assert client.get(reverse("public:project_detail", args=["secret"])).status_code == 404
    assert client.get(reverse("public:event_detail", args=["hidden-event"])).status_code == 404
    for page in ["/projects/", "/en/projects/", "/regions/640000/", "/search/?q=盐碱"]:
        html = client.get(page).content.decode()
        assert "保密盐碱项目" not in html
        assert "Confidential alkaline project" not in html


def test_detail_pages_open(client, sample):
    for url in [
        reverse("public:project_detail", args=["soil"]),
        reverse("public:institute_detail", args=["suzhou-auto"]),
        reverse("public:fund_detail", args=["jiangsu-fund"]),
        reverse("public:event_detail", args=["fair-this-year"]),
        reverse("public:organization_detail", args=[sample.soil_project.partners.get().pk]),
        "/en" + reverse("public:project_detail", args=["soil"]),
    ]:
        assert client.get(url).status_code == 200, url


def _records(client, url):
    """The records a list page shows, rendered afresh (not from the page cache)."""
    clear_caches()
    return client.get(url).context["records"]


def _titles(client, url):
    return [record.pk for record in _records(client, url)]


def test_filters_narrow_a_list_and_keep_the_shareable_query(client, sample):
    everything = _titles(client, "/projects/")
    assert set(everything) == {sample.soil_project.pk, sample.oled_project.pk}
    assert _titles(client, "/projects/?province=640000") == [sample.soil_project.pk]
    assert _titles(client, "/projects/?city=320500") == [sample.oled_project.pk]
    assert _titles(client, "/projects/?department=thermal") == [sample.soil_project.pk]
    assert _titles(client, "/projects/?year=2008&department=chem") == [sample.oled_project.pk]
    assert _titles(client, "/projects/?is_public=false") != []  # cannot reveal hidden ones
    # The filter form sends its empty fields too: they mean "any".
    assert _titles(client, "/projects/?province=640000&department=&year=&status=") == [
        sample.soil_project.pk
    ]
    assert [e.code for e in _records(client, "/events/?kind=fair")] == ["fair-this-year"]
    assert [e.code for e in _records(client, "/events/?when=upcoming")] == ["forum-next"]


def test_pagination_links_keep_the_filters(client, sample):
    for number in range(25):
        project = CooperationProjectFactory(code=f"extra-{number}")
        ProjectSiteFactory(project=project, city=sample.yinchuan, province=sample.ningxia)
    clear_caches()
    response = client.get("/projects/?province=640000")
    assert response.context["page"].paginator.count == 26
    html = response.content.decode()
    assert 'href="?page=2&amp;province=640000"' in html
    assert len(_records(client, "/projects/?page=2&province=640000")) == 6


def test_language_switch_between_chinese_and_english(client, sample):
    chinese = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert "主要数据" in chinese and 'lang="zh-Hans"' in chinese
    assert "Key figures" in english and 'lang="en"' in english
    # Each language link leads to the same page in its own language, filters kept.
    english_page = client.get("/en/projects/?province=640000").content.decode()
    assert 'href="/projects/?province=640000" hreflang="zh-Hans"' in english_page
    assert 'href="/en/projects/?province=640000" hreflang="en" lang="en" aria-current="page"' in (
        english_page
    )
    chinese_page = client.get("/regions/320000/").content.decode()
    assert 'href="/en/regions/320000/" hreflang="en"' in chinese_page
    assert client.get("/en/regions/320000/").status_code == 200


def test_map_is_drawn_by_the_server_with_a_link_to_each_province(client, sample):
    html = client.get("/").content.decode()
    assert '"FeatureCollection"' not in html
    svg = re.search(r'<svg viewBox="0 0 1000 \d+" class="china-map__svg".*?</svg>', html, re.S)
    assert svg
    # Every province a path of its own (34 provincial units, the inset of the islands).
    assert svg.group().count("<path") == 35
    assert '<a href="/regions/320000/"><title>江苏省' in svg.group()
    assert (
        "Base map: the map of China published with ECharts" in client.get("/en/").content.decode()
    )


def test_unknown_region_is_a_404(client, db):
    assert client.get("/regions/999999/").status_code == 404
    assert client.get("/cities/999999/").status_code == 404


def test_home_page_with_its_map_weighs_under_300_kb_compressed(client, sample):
    rows = page_weight(client.get("/").content.decode())
    resources = {name for name, _size, _compressed in rows}
    # No chart code: the map and the bars come drawn in the page.
    assert resources == {
        "HTML",
        "/static/css/site.css",
        "/static/js/site.js",
        "/static/img/favicon.svg",
    }
    assert sum(compressed for _name, _size, compressed in rows) < 300 * 1024
