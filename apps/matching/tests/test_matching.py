import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from apps.achievements.tests.factories import AchievementFactory
from apps.core.tests.factories import DepartmentFactory
from apps.matching.engine import match
from apps.matching.index import rebuild
from apps.matching.models import MatchEntry
from apps.matching.words import MAX_TEXT_CHARS, clean

pytestmark = pytest.mark.django_db

KEYS = {"code", "name_zh", "name_en", "score", "why"}
ENERGY_STORAGE = "我们的储能电站电池温升过高，需要储热和热管理方案。"


def match_json(*args):
    out = StringIO()
    call_command("match_request", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_every_list_is_printed_even_when_empty():
    result = match_json("--text", ENERGY_STORAGE)

    assert result == {"departments": [], "achievements": [], "experts": []}


def test_an_energy_storage_request_ranks_thermal_engineering_first(demo_departments):
    thermal = demo_departments["thermal"]
    AchievementFactory(
        code="molten-salt",
        title_zh="熔盐储热系统",
        title_en="Molten-salt thermal energy storage",
        summary_zh="用于电网调峰的熔盐储热与换热系统。",
        department=thermal,
    )
    rebuild()

    result = match_json("--text", ENERGY_STORAGE, "--limit", "3")

    assert set(result) == {"departments", "achievements", "experts"}
    assert result["experts"] == []
    assert [d["code"] for d in result["departments"]][0] == "thermal"
    assert all(set(item) == KEYS for items in result.values() for item in items)
    scores = [d["score"] for d in result["departments"]]
    assert scores == sorted(scores, reverse=True)
    assert result["achievements"][0]["code"] == "molten-salt"
    assert result["achievements"][0]["name_en"] == "Molten-salt thermal energy storage"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("跨江大桥需要结构健康监测和损伤识别", "civil"),
        ("城区河道黑臭水体治理和污水处理", "environment"),
        ("抗肿瘤原料药合成路线收率低，需要优化有机合成工艺", "chemistry"),
        ("We need a deep learning computer vision system to inspect circuit boards", "computer"),
        ("新能源汽车动力电池管理系统和自动驾驶感知", "automotive"),
    ],
)
def test_requests_of_other_fields_find_their_department_in_the_first_three(
    demo_departments, text, expected
):
    rebuild()

    ranking = match(text, limit=3)

    assert expected in [s.code for s in ranking["departments"]]


def test_reasons_name_the_words_the_industry_and_the_province(demo_departments):
    achievement = AchievementFactory(
        code="compressed-air",
        title_zh="压缩空气储能系统",
        title_en="Compressed air energy storage",
        summary_en="Energy storage in salt caverns with heat storage.",
        industry="energy",
        department=demo_departments["thermal"],
    )
    rebuild()
    text = "储能 energy storage for our wind farm"

    with translation.override("zh-hans"):
        chinese = match(text, industry="energy", province_id=achievement.province_id)
    with translation.override("en"):
        english = match(text, industry="energy", province_id=achievement.province_id)

    assert chinese["achievements"][0].why == "关键词：储能、energy storage；行业相同；同省"
    assert (
        english["achievements"][0].why
        == "words: 储能, energy storage; same industry; same province"
    )
    assert chinese["departments"][0].code == "thermal"
    assert "相关：压缩空气储能系统" in chinese["departments"][0].why
    assert "行业相同" in chinese["departments"][0].why


def test_the_command_speaks_the_language_asked(demo_departments):
    rebuild()

    result = match_json("--text", "energy storage", "--language", "en")

    assert result["departments"][0]["why"].startswith("words: energy storage")


@pytest.mark.parametrize("extra", [3, 60])
def test_one_query_whatever_the_number_of_candidates(
    demo_departments, django_assert_num_queries, extra
):
    for n in range(extra):
        AchievementFactory(
            title_zh=f"储能与热管理技术{n}",
            summary_zh="储热、换热器与电池热管理。",
            department=demo_departments["thermal"],
        )
    rebuild()

    with django_assert_num_queries(1):
        ranking = match(ENERGY_STORAGE, industry="energy", province_id=1, limit=5)

    assert len(ranking["achievements"]) == min(extra, 5)


def test_unpublished_achievements_are_never_offered_in_the_public_output(demo_departments):
    AchievementFactory(
        code="secret-storage",
        title_zh="未公开的储能技术",
        summary_zh="储能",
        department=demo_departments["thermal"],
        is_public=False,
    )
    rebuild()

    public = match_json("--text", "储能")
    staff = match_json("--text", "储能", "--staff")

    assert "secret-storage" not in [a["code"] for a in public["achievements"]]
    assert "secret-storage" in [a["code"] for a in staff["achievements"]]
    assert not match("储能")["achievements"]
    # Nor does an unpublished achievement lend its weight to its department in public.
    assert "未公开的储能技术" not in public["departments"][0]["why"]


@pytest.mark.parametrize(
    "text",
    [
        "储能\x00\x00 电站\x07",
        "储能" * 50_000,
        "x" * 100_000,
        "\u202e储能\u2066",
        "' | !!:* & (储能",
        "",
        "   ",
    ],
)
def test_hostile_text_is_answered(demo_departments, text):
    rebuild()

    result = match_json("--text", text)

    assert set(result) == {"departments", "achievements", "experts"}
    assert "\x00" not in json.dumps(result)


def test_a_long_text_is_read_to_its_limit():
    assert len(clean("储" * 100_000)) == MAX_TEXT_CHARS
    assert clean("a\x00b\u202ec") == "a b c"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--industry", "nonsense"], "Unknown industry"),
        (["--province", "999999"], "Unknown province"),
        (["--limit", "0"], "--limit"),
    ],
)
def test_the_command_refuses_bad_filters(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("match_request", "--text", "储能", *args)


def test_the_index_follows_saves_and_deletions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        department = DepartmentFactory(code="hydro", keywords_zh="水利、大坝")
    assert [s.code for s in match("大坝")["departments"]] == ["hydro"]

    with django_capture_on_commit_callbacks(execute=True):
        department.keywords_zh = "储能"
        department.save()
    assert match("大坝")["departments"] == []
    assert [s.code for s in match("储能")["departments"]] == ["hydro"]

    with django_capture_on_commit_callbacks(execute=True):
        department.delete()
    assert not MatchEntry.objects.filter(source="departments").exists()


def test_a_request_naming_a_department_finds_it(demo_departments):
    rebuild()

    ranking = match("热能工程")

    assert ranking["departments"][0].code == "thermal"


def test_every_demo_department_says_what_it_works_on_in_both_languages():
    from apps.core.demo_seed import DEPARTMENTS, KEYWORDS

    assert set(KEYWORDS) == {code for code, *_rest in DEPARTMENTS}
    assert all(zh and en for zh, en in KEYWORDS.values())
    assert "储能" in KEYWORDS["thermal"][0]
    assert "energy storage" in KEYWORDS["thermal"][1]
