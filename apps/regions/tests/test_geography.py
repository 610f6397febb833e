"""English place names: conventional spellings and place-name readings, not character-by-character
pinyin."""

import importlib

import pytest

from apps.regions.geography import city_english, province_english
from apps.regions.models import City, Province
from apps.regions.services import geography_load
from apps.regions.tests.factories import CityFactory, ProvinceFactory

CONVENTIONAL = {
    "哈尔滨市": "Harbin",
    "齐齐哈尔市": "Qiqihar",
    "呼和浩特市": "Hohhot",
    "乌鲁木齐市": "Urumqi",
    "西安市": "Xi'an",
    "朝阳市": "Chaoyang",
    "长治市": "Changzhi",
    "漯河市": "Luohe",
    "拉萨市": "Lhasa",
    "厦门市": "Xiamen",
    "喀什地区": "Kashgar Prefecture",
    "日喀则市": "Shigatse",
    "鄂尔多斯市": "Ordos",
    "克拉玛依市": "Karamay",
    "吐鲁番市": "Turpan",
    "库尔勒市": "Korla",
    "阿图什市": "Artux",
    "霍尔果斯市": "Khorgas",
    "锡林浩特市": "Xilinhot",
    "二连浩特市": "Erenhot",
    "乌兰浩特市": "Ulanhot",
    "格尔木市": "Golmud",
    "包头市": "Baotou",
    "和田市": "Hotan",
    "阿克苏市": "Aksu",
    "伊宁市": "Yining",
}

# Characters read differently in these place names than in everyday words.
POLYPHONIC = {
    "重庆市": "Chongqing",
    "长沙市": "Changsha",
    "长春市": "Changchun",
    "蚌埠市": "Bengbu",
    "六安市": "Lu'an",
    "丽水市": "Lishui",
    "乐山市": "Leshan",
    "台州市": "Taizhou",
    "大理白族自治州": "Dali Bai Autonomous Prefecture",
    "朝阳区": "Chaoyang District",
    "长治县": "Changzhi County",
    "单县": "Shan County",
    "莘县": "Shen County",
    "蔚县": "Yu County",
    "番禺区": "Panyu District",
    "繁峙县": "Fanshi County",
    "铅山县": "Yanshan County",
    "东阿县": "Dong'e County",
    "乐亭县": "Laoting County",
    "天台县": "Tiantai County",
    "亳州市": "Bozhou",
    "泌阳县": "Biyang County",
    "阆中市": "Langzhong",
    "荥阳市": "Xingyang",
    "洪洞县": "Hongtong County",
    "吕梁市": "Lüliang",
    "歙县": "She County",
    "延边朝鲜族自治州": "Yanbian Korean Autonomous Prefecture",
    "黔东南苗族侗族自治州": "Qiandongnan Miao and Dong Autonomous Prefecture",
}


@pytest.mark.parametrize(("name_zh", "english"), [*CONVENTIONAL.items(), *POLYPHONIC.items()])
def test_place_names_read_as_place_names(name_zh, english):
    assert city_english(name_zh) == english


def test_provinces_with_conventional_names():
    assert [province_english(n) for n in ("陕西", "山西", "内蒙古", "香港", "澳门")] == [
        "Shaanxi",
        "Shanxi",
        "Inner Mongolia",
        "Hong Kong",
        "Macao",
    ]


@pytest.mark.django_db
def test_load_geography_rewrites_english_names_in_place():
    geography_load()
    City.objects.filter(code="130100").update(name_en="Wrong")
    provinces = Province.objects.count()
    geography_load()
    assert Province.objects.count() == provinces == 34
    names = dict(
        City.objects.filter(
            code__in=["230100", "211300", "140400", "411100", "130100"]
        ).values_list("code", "name_en")
    )
    assert names == {
        "230100": "Harbin",
        "211300": "Chaoyang",
        "140400": "Changzhi",
        "411100": "Luohe",
        "130100": "Shijiazhuang",
    }


@pytest.mark.django_db
def test_the_migration_renames_cities_loaded_with_pinyin_readings():
    """A database loaded before the conventional names (库尔勒 as "Ku'erlei") is put right by the
    data migration; a name corrected by hand since is left alone."""
    from django.apps import apps as django_apps

    migration = importlib.import_module("apps.regions.migrations.0003_conventional_english_names")
    xinjiang = ProvinceFactory(code="650000", name_zh="新疆维吾尔自治区", short_name_zh="新疆")
    korla = CityFactory(province=xinjiang, code="652801", name_zh="库尔勒市", name_en="Ku'erlei")
    artux = CityFactory(province=xinjiang, code="653001", name_zh="阿图什市", name_en="Artush")
    migration.forwards(django_apps, None)
    korla.refresh_from_db()
    artux.refresh_from_db()
    assert korla.name_en == "Korla"
    assert artux.name_en == "Artush"
