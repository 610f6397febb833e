"""Reference geography read from the PyPI package ``cpca`` (GB/T 2260 codes, names, coordinates).

English names are romanized with ``pypinyin``; the few places whose conventional English name
is not their plain pinyin are listed in CONVENTIONAL_ENGLISH.
"""

import csv
import importlib.metadata
from dataclasses import dataclass
from decimal import Decimal

from pypinyin import lazy_pinyin

from apps.regions.models import CityLevel, MacroRegion, ProvinceKind

CONVENTIONAL_ENGLISH = {
    "陕西": "Shaanxi",
    "内蒙古": "Inner Mongolia",
    "香港": "Hong Kong",
    "澳门": "Macao",
}

PROVINCE_SUFFIXES = [
    ("特别行政区", ProvinceKind.SAR),
    ("维吾尔自治区", ProvinceKind.AUTONOMOUS_REGION),
    ("壮族自治区", ProvinceKind.AUTONOMOUS_REGION),
    ("回族自治区", ProvinceKind.AUTONOMOUS_REGION),
    ("自治区", ProvinceKind.AUTONOMOUS_REGION),
    ("省", ProvinceKind.PROVINCE),
    ("市", ProvinceKind.MUNICIPALITY),
]

# The first digit of a GB/T 2260 code names the macro-region; 4x splits into Central and South.
MACRO_REGION_BY_PREFIX = {
    "1": MacroRegion.NORTH,
    "2": MacroRegion.NORTHEAST,
    "3": MacroRegion.EAST,
    "5": MacroRegion.SOUTHWEST,
    "6": MacroRegion.NORTHWEST,
    "7": MacroRegion.HK_MACAO_TAIWAN,
    "8": MacroRegion.HK_MACAO_TAIWAN,
}

# Placeholder rows of the code table that group units but are not places themselves.
GROUPING_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

CITY_SUFFIXES_EN = [
    ("自治州", " Autonomous Prefecture"),
    ("自治县", " Autonomous County"),
    ("地区", " Prefecture"),
    ("新区", " New Area"),
    ("林区", " Forest District"),
    ("市", ""),
    ("盟", " League"),
    ("区", " District"),
    ("县", " County"),
    ("旗", " Banner"),
]


@dataclass(frozen=True)
class Place:
    code: str
    name_zh: str
    latitude: Decimal | None
    longitude: Decimal | None


def romanize(chinese):
    return "".join(lazy_pinyin(chinese)).capitalize()


def province_parts(name_zh):
    """(short Chinese name, kind) of a provincial-level unit's full name."""
    for suffix, kind in PROVINCE_SUFFIXES:
        if name_zh.endswith(suffix):
            return name_zh[: -len(suffix)], kind
    raise ValueError(f"unknown provincial-level unit: {name_zh}")


def province_english(short_zh):
    return CONVENTIONAL_ENGLISH.get(short_zh) or romanize(short_zh)


def city_english(name_zh):
    for suffix, english in CITY_SUFFIXES_EN:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            return romanize(name_zh[: -len(suffix)]) + english
    return romanize(name_zh)


def macro_region(code):
    if code[0] == "4":
        return MacroRegion.CENTRAL if code[:2] in {"41", "42", "43"} else MacroRegion.SOUTH
    return MACRO_REGION_BY_PREFIX[code[0]]


def city_level_and_parent(code):
    """Level of a six-digit code and the code of the prefecture-level city above it, if any."""
    if code[4:] == "00":
        return CityLevel.PREFECTURE, None
    return CityLevel.COUNTY, code[:4] + "00"


def read_places():
    """Every place of the package's table, six-digit codes, grouping rows left out."""
    table = importlib.metadata.distribution("cpca").locate_file("cpca/resources/adcodes.csv")
    with open(table, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            full_code = row["adcode"]
            if full_code[6:].strip("0") or row["name"] in GROUPING_NAMES:
                continue
            yield Place(
                code=full_code[:6],
                name_zh=row["name"],
                latitude=Decimal(row["latitude"]) if row["latitude"] else None,
                longitude=Decimal(row["longitude"]) if row["longitude"] else None,
            )
