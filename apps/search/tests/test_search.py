import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from apps.achievements.tests.factories import AchievementFactory
from apps.core.registry import registry
from apps.core.tests.factories import DepartmentFactory
from apps.events.tests.factories import ExchangeEventFactory
from apps.offices.tests.factories import CooperationOfficeFactory
from apps.partners.tests.factories import OrganizationFactory
from apps.projects.tests.factories import CooperationProjectFactory, ProjectSiteFactory
from apps.regions.tests.factories import CityFactory
from apps.search.documents import KINDS
from apps.search.models import SearchEntry
from apps.search.segmentation import index_terms, query_terms
from apps.search.services import SearchHit, index_records, rebuild_index, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    suzhou = CityFactory(name_zh="苏州市", name_en="Suzhou")
    thermal = DepartmentFactory(
        name_zh="热能工程系", name_en="Department of Thermal Engineering", code="thermal"
    )
    soil = CooperationProjectFactory(
        code="soil",
        title_zh="脱硫废弃物改良盐碱土壤",
        title_en="Improvement of alkaline soil by desulfurized coal waste",
        technology_zh="燃煤烟气脱硫石膏",
        department=thermal,
    )
    ProjectSiteFactory(project=soil, city=suzhou, province=suzhou.province)
    oled = CooperationProjectFactory(
        code="oled",
        title_zh="有机发光显示量产线",
        title_en="Mass production line of organic light-emitting displays",
    )
    hidden = CooperationProjectFactory(
        code="hidden",
        title_zh="保密的盐碱土壤项目",
        title_en="Hidden alkaline soil",
        is_public=False,
    )
    office = CooperationOfficeFactory(
        code="sz", name_zh="清华大学苏州产学研合作办公室", name_en="Suzhou Office", city=suzhou
    )
    event = ExchangeEventFactory(
        code="fair", title_zh="苏州科技成果对接会", title_en="Suzhou technology fair", city=suzhou
    )
    OrganizationFactory(name_zh="苏州市人民政府", name_en="Suzhou Government", city=suzhou)
    rebuild_index()
    return {
        "soil": soil,
        "oled": oled,
        "hidden": hidden,
        "office": office,
        "event": event,
        "thermal": thermal,
    }


def kinds_and_ids(hits):
    return [(hit.kind, hit.object_id) for hit in hits]


def test_chinese_query_is_segmented_and_finds_the_record(records):
    hits = search("盐碱土壤")
    assert hits[0].object_id == records["soil"].pk
    assert isinstance(hits[0], SearchHit)
    assert hits[0].url == "/projects/soil/"
    assert hits[0].title == "脱硫废弃物改良盐碱土壤"


def test_chinese_words_in_another_order_still_match(records):
    # "土壤改良" is not a substring of the title, but both of its words are in it.
    assert records["soil"].pk in [hit.object_id for hit in search("土壤改良", kinds=["project"])]


def test_english_query_finds_the_record(records):
    hits = search("organic light-emitting", kinds=["project"])
    assert kinds_and_ids(hits) == [("project", records["oled"].pk)]


def test_prefix_of_an_english_word_matches(records):
    assert records["soil"].pk in [hit.object_id for hit in search("desulfur")]


def test_results_are_ranked_title_before_context(records):
    hits = search("苏州")
    assert hits[0].kind in {"office", "event", "organization"}  # "苏州" in their names
    assert ("project", records["soil"].pk) in kinds_and_ids(hits)  # only in its place names
    ranks = [hit.rank for hit in hits]
    assert ranks == sorted(ranks, reverse=True)


def test_non_public_records_are_left_out_unless_asked_for(records):
    public = [hit.object_id for hit in search("盐碱土壤", kinds=["project"])]
    assert records["hidden"].pk not in public
    everything = [hit.object_id for hit in search("盐碱土壤", kinds=["project"], public_only=False)]
    assert records["hidden"].pk in everything


def test_departments_are_indexed_with_their_projects_technologies(records):
    hits = search("脱硫", kinds=["department"])
    assert kinds_and_ids(hits) == [("department", records["thermal"].pk)]
    assert hits[0].url == "/projects/?department=thermal"


def test_kinds_limit_and_province_filter(records):
    assert {hit.kind for hit in search("苏州", kinds=["office"])} == {"office"}
    assert len(search("苏州", limit=1)) == 1
    province_id = records["office"].province_id
    assert search("苏州", province_id=province_id)
    assert search("苏州", province_id=province_id + 999) == []
    with pytest.raises(ValueError):
        search("苏州", kinds=["contract"])


def test_empty_or_punctuation_query_finds_nothing(records):
    assert search("") == []
    assert search("，。!?") == []


def test_english_url_is_prefixed_in_english(records):
    from django.utils import translation

    with translation.override("en"):
        hits = search("organic", kinds=["project"])
    assert hits[0].url == "/en/projects/oled/"
    assert hits[0].title.startswith("Mass production line")


def test_saving_a_record_refreshes_its_entry_on_commit(records, django_capture_on_commit_callbacks):
    oled = records["oled"]
    with django_capture_on_commit_callbacks(execute=True):
        oled.title_en = "Flexible display pilot line"
        oled.save()
    assert kinds_and_ids(search("flexible display")) == [("project", oled.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        oled.delete()
    assert not SearchEntry.objects.filter(kind="project", object_id=oled.pk).exists()


def test_a_new_site_brings_its_place_into_the_projects_entry(
    records, django_capture_on_commit_callbacks
):
    yinchuan = CityFactory(name_zh="银川市", name_en="Yinchuan")
    with django_capture_on_commit_callbacks(execute=True):
        ProjectSiteFactory(project=records["oled"], city=yinchuan, province=yinchuan.province)
    assert records["oled"].pk in [hit.object_id for hit in search("银川", kinds=["project"])]


def test_partner_rename_reaches_its_projects(records, django_capture_on_commit_callbacks):
    partner = OrganizationFactory(name_zh="京东方科技集团", name_en="BOE Technology Group")
    with django_capture_on_commit_callbacks(execute=True):
        records["oled"].partners.add(partner)
    assert records["oled"].pk in [h.object_id for h in search("京东方", kinds=["project"])]
    with django_capture_on_commit_callbacks(execute=True):
        partner.name_en = "BOE Display"
        partner.save()
    assert records["oled"].pk in [h.object_id for h in search("BOE Display", kinds=["project"])]


def test_an_entry_is_public_by_the_record_types_published_rule(records, monkeypatch):
    """Publication is the registry's rule, not restated by the document: a record type whose
    rule leaves a record out has a non-public entry, whatever its own flag says."""
    record_type = registry.get("events.ExchangeEvent")
    monkeypatch.setattr(record_type, "published", Q(is_public=True) & ~Q(code="fair"))
    index_records("event", [records["event"].pk])
    assert not SearchEntry.objects.get(kind="event", object_id=records["event"].pk).is_public
    assert not search("Suzhou technology fair", kinds=["event"])
    assert search("Suzhou technology fair", kinds=["event"], public_only=False)


def test_every_part_and_named_record_of_an_entry_refreshes_it():
    """The signals come from the kinds' declarations: each part and each named record type
    has its save and delete receivers, each many-to-many field its links' receiver."""
    for spec in KINDS.values():
        for label, _path in (*spec.parts, *spec.named, (spec.model._meta.label, "")):
            model = apps.get_model(label)
            uid = f"search-index-{model._meta.label_lower}"
            assert any(key[0] == f"{uid}-save" for key, *_ in post_save.receivers), label
            assert any(key[0] == f"{uid}-delete" for key, *_ in post_delete.receivers), label
        for field_name in spec.m2m:
            uid = f"search-index-{spec.model._meta.label_lower}-{field_name}"
            assert any(key[0] == uid for key, *_ in m2m_changed.receivers), field_name


def test_index_records_removes_entries_of_deleted_records(records):
    event_pk = records["event"].pk
    records["event"].delete()  # no commit callbacks in this test: the entry is stale
    assert SearchEntry.objects.filter(kind="event", object_id=event_pk).exists()
    index_records("event", [event_pk])
    assert not SearchEntry.objects.filter(kind="event", object_id=event_pk).exists()


def test_rebuild_command_indexes_every_kind(records):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert set(SearchEntry.objects.values_list("kind", flat=True)) >= {
        "project",
        "office",
        "event",
        "organization",
        "department",
    }


def test_segmentation_keeps_words_and_drops_punctuation():
    terms = index_terms("清华大学苏州汽车研究院，成立于2011年。")
    assert "苏州" in terms.split() and "研究院" in terms.split()
    assert "，" not in terms and "。" not in terms
    words = [word for word, _parts in query_terms("盐碱地的改良")]
    assert "的" not in words


def test_a_search_for_energy_storage_finds_what_works_on_it(client):
    thermal = DepartmentFactory(
        name_zh="热能工程系",
        code="thermal",
        keywords_zh="储能、储热、压缩空气储能",
        keywords_en="energy storage, heat storage",
    )
    AchievementFactory(
        title_zh="熔盐储热系统",
        summary_zh="面向电网调峰的储能系统，含电池舱热管理。",
        department=thermal,
    )
    rebuild_index()

    response = client.get("/search/", {"q": "储能"})

    assert ("department", thermal.pk) in [(hit.kind, hit.object_id) for hit in search("储能")]
    assert [hit.title for hit in search("热管理")] == ["熔盐储热系统"]
    assert "熔盐储热系统" in response.content.decode()


def test_the_portals_technical_words_are_cut_whole():
    assert [word for word, _parts in query_terms("热管理")] == ["热管理"]
    assert "固态电池" in index_terms("固态电池电解质").split()
