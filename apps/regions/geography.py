"""Reference geography read from the PyPI package ``cpca`` (GB/T 2260 codes, names, coordinates).

English names follow the rules for romanizing Chinese place names (GB/T 16159, the State
Council's rules for minority-language place names): Hanyu Pinyin read as a place name, not
character by character. ``pypinyin`` gives the readings with its phrase dictionary; the place
readings it does not know (朝阳 Cháoyáng, 长治 Chángzhì, 漯河 Luòhé …) are given to it in
PLACE_READINGS, syllables starting with a, o or e after another take an apostrophe (Xi'an,
Lu'an), ü stays ü (Lüliang). Names that are not pinyin at all (transcriptions from Mongolian,
Uyghur or Tibetan, and the established Hong Kong, Macao, Shaanxi, Inner Mongolia) come from
CONVENTIONAL_ENGLISH.
"""

import csv
import importlib.metadata
from dataclasses import dataclass
from decimal import Decimal

from pypinyin import Style, lazy_pinyin, load_phrases_dict

from apps.regions.models import CityLevel, MacroRegion, ProvinceKind

CONVENTIONAL_ENGLISH = {
    "陕西": "Shaanxi",
    "内蒙古": "Inner Mongolia",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "哈尔滨": "Harbin",
    "齐齐哈尔": "Qiqihar",
    "呼和浩特": "Hohhot",
    "乌鲁木齐": "Urumqi",
    "拉萨": "Lhasa",
    "日喀则": "Shigatse",
    "林芝": "Nyingchi",
    "昌都": "Qamdo",
    "那曲": "Nagqu",
    "阿里": "Ngari",
    "喀什": "Kashgar",
    "吐鲁番": "Turpan",
    "克拉玛依": "Karamay",
    "和田": "Hotan",
    "阿克苏": "Aksu",
    "阿勒泰": "Altay",
    "伊犁": "Ili",
    "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin",
    "克孜勒苏": "Kizilsu",
    "图木舒克": "Tumxuk",
    "呼伦贝尔": "Hulunbuir",
    "鄂尔多斯": "Ordos",
    "乌兰察布": "Ulanqab",
    "巴彦淖尔": "Bayannur",
    "锡林郭勒": "Xilingol",
    "阿拉善": "Alxa",
    "兴安": "Hinggan",
    "果洛": "Golog",
    "甘孜": "Garze",
    "阿坝": "Ngawa",
    "迪庆": "Dêqên",
    # Cities and districts named from Uyghur and Mongolian (not read as pinyin).
    "库尔勒": "Korla",
    "阿图什": "Artux",
    "库车": "Kuqa",
    "阿拉尔": "Aral",
    "霍尔果斯": "Khorgas",
    "奎屯": "Kuytun",
    "乌苏": "Usu",
    "格尔木": "Golmud",
    "锡林浩特": "Xilinhot",
    "二连浩特": "Erenhot",
    "乌兰浩特": "Ulanhot",
    "霍林郭勒": "Holingol",
    "额尔古纳": "Ergun",
    "阿尔山": "Arxan",
    "海拉尔": "Hailar",
}

# Readings of characters in place names that differ from their common reading.
PLACE_READINGS = {
    "朝阳": ["cháo", "yáng"],
    "长治": ["cháng", "zhì"],
    "漯河": ["luò", "hé"],
    "六安": ["lù", "ān"],
    "丽水": ["lí", "shuǐ"],
    "乐山": ["lè", "shān"],
    "台州": ["tāi", "zhōu"],
    "天台": ["tiān", "tāi"],
    "蚌埠": ["bèng", "bù"],
    "单县": ["shàn", "xiàn"],
    "繁峙": ["fán", "shì"],
    "铅山": ["yán", "shān"],
    "东阿": ["dōng", "ē"],
    "莘县": ["shēn", "xiàn"],
    "番禺": ["pān", "yú"],
    "蔚县": ["yù", "xiàn"],
    "乐亭": ["lào", "tíng"],
    "大埔": ["dà", "bù"],
    "会理": ["huì", "lǐ"],
    "尉犁": ["yù", "lí"],
    "亳州": ["bó", "zhōu"],
    "泌阳": ["bì", "yáng"],
    "阆中": ["làng", "zhōng"],
    "枞阳": ["zōng", "yáng"],
    "黟县": ["yī", "xiàn"],
    "歙县": ["shè", "xiàn"],
    "涡阳": ["guō", "yáng"],
    "荥阳": ["xíng", "yáng"],
    "浚县": ["xùn", "xiàn"],
    "犍为": ["qián", "wéi"],
    "筠连": ["jūn", "lián"],
    "洪洞": ["hóng", "tóng"],
    "吕梁": ["lǚ", "liáng"],
}
load_phrases_dict(
    {name: [[reading] for reading in readings] for name, readings in PLACE_READINGS.items()}
)

# Autonomous areas are named in English after their peoples.
PEOPLES_EN = {
    "朝鲜族": "Korean",
    "藏族": "Tibetan",
    "羌族": "Qiang",
    "彝族": "Yi",
    "回族": "Hui",
    "蒙古族": "Mongol",
    "蒙古": "Mongol",
    "哈萨克": "Kazak",
    "柯尔克孜": "Kirgiz",
    "苗族": "Miao",
    "侗族": "Dong",
    "土家族": "Tujia",
    "布依族": "Bouyei",
    "壮族": "Zhuang",
    "傣族": "Dai",
    "景颇族": "Jingpo",
    "白族": "Bai",
    "傈僳族": "Lisu",
    "哈尼族": "Hani",
    "满族": "Manchu",
    "瑶族": "Yao",
    "土族": "Tu",
    "撒拉族": "Salar",
    "东乡族": "Dongxiang",
    "保安族": "Bonan",
    "裕固族": "Yugur",
    "锡伯": "Xibe",
    "达斡尔族": "Daur",
    "鄂温克族": "Ewenki",
    "鄂伦春": "Oroqen",
    "黎族": "Li",
    "畲族": "She",
    "仡佬族": "Gelao",
    "水族": "Sui",
    "纳西族": "Naxi",
    "拉祜族": "Lahu",
    "佤族": "Va",
    "布朗族": "Blang",
    "普米族": "Pumi",
    "独龙族": "Derung",
    "怒族": "Nu",
    "毛南族": "Maonan",
    "仫佬族": "Mulao",
    "各族": "",
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


def romanize(chinese, *, keep=None):
    """A Chinese place name in pinyin as one word: 西安 Xi'an, 六安 Lu'an, 吕梁 Lüliang.

    ``keep``: romanize only the first ``keep`` characters, read in the context of the whole
    name (单县 is read shàn xiàn, so its stem 单 is Shan).
    """
    if chinese in CONVENTIONAL_ENGLISH:
        return CONVENTIONAL_ENGLISH[chinese]
    syllables = lazy_pinyin(chinese, style=Style.NORMAL, v_to_u=True)
    if keep is not None:
        syllables = syllables[:keep]
    word = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        word += ("'" if syllable[:1] in "aoe" else "") + syllable
    return word[:1].upper() + word[1:]


def _peoples(name_zh):
    """Split "延边朝鲜族" into ("延边", "Korean"); names without a people give (name, "")."""
    found = []
    rest = name_zh
    while True:
        for people, english in sorted(PEOPLES_EN.items(), key=lambda item: -len(item[0])):
            if rest.endswith(people) and len(rest) > len(people):
                rest = rest[: -len(people)]
                if english:
                    found.insert(0, english)
                break
        else:
            break
    if len(found) > 1:
        return rest, ", ".join(found[:-1]) + " and " + found[-1]
    return rest, "".join(found)


def province_parts(name_zh):
    """(short Chinese name, kind) of a provincial-level unit's full name."""
    for suffix, kind in PROVINCE_SUFFIXES:
        if name_zh.endswith(suffix):
            return name_zh[: -len(suffix)], kind
    raise ValueError(f"unknown provincial-level unit: {name_zh}")


def province_english(short_zh):
    return CONVENTIONAL_ENGLISH.get(short_zh) or romanize(short_zh)


def city_english(name_zh):
    if name_zh in CONVENTIONAL_ENGLISH:
        return CONVENTIONAL_ENGLISH[name_zh]
    for suffix, english in CITY_SUFFIXES_EN:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            stem = name_zh[: -len(suffix)]
            if suffix.startswith("自治"):
                place, people = _peoples(stem)
                return " ".join(part for part in (romanize(place), people) if part) + english
            if stem in CONVENTIONAL_ENGLISH:
                return CONVENTIONAL_ENGLISH[stem] + english
            return romanize(name_zh, keep=len(stem)) + english
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
