"""The regions' part of the demo data (``apps.core.demo``): the seed's economic zones, and its
places, which the other apps' steps spread their records over.

Leaves on the loader: ``provinces`` and ``cities`` ({code: row}) and ``city_codes`` (the
prefecture-level cities the illustrative records spread over).
"""

from apps.core.demo import DemoStep, replace_links, upsert
from apps.regions.models import City, CityLevel, Province, Zone

ZONES = [
    (
        "yangtze-river-delta",
        "economic_zone",
        "长江三角洲",
        "Yangtze River Delta",
        ["310000", "320000", "330000", "340000"],
    ),
    ("pearl-river-delta", "economic_zone", "珠江三角洲", "Pearl River Delta", ["440000"]),
    (
        "bohai-rim",
        "economic_zone",
        "环渤海地区",
        "Bohai Sea Region",
        ["110000", "120000", "130000", "210000", "370000"],
    ),
    (
        "western-development",
        "national_strategy",
        "西部大开发",
        "Developing the West",
        [
            "500000",
            "510000",
            "520000",
            "530000",
            "540000",
            "610000",
            "620000",
            "630000",
            "640000",
            "650000",
            "150000",
            "450000",
        ],
    ),
    (
        "northeast-revitalization",
        "national_strategy",
        "振兴东北老工业基地",
        "Rejuvenation of the old industrial base in Northeast China",
        ["210000", "220000", "230000"],
    ),
    (
        "central-rise",
        "national_strategy",
        "中部崛起",
        "Rise of Central China",
        ["140000", "340000", "360000", "410000", "420000", "430000"],
    ),
]


# Offices: the seed names Suzhou, Wuxi and Changzhou; the other 19 are illustrative.
OFFICE_CITIES = [
    ("320500", False),
    ("320200", False),
    ("320400", False),
    ("320600", True),
    ("321000", True),
    ("321100", True),
    ("321200", True),
    ("330400", True),
    ("330600", True),
    ("330200", True),
    ("340200", True),
    ("340700", True),
    ("370200", True),
    ("370600", True),
    ("370700", True),
    ("440600", True),
    ("441900", True),
    ("210300", True),
    ("210200", True),
    ("410300", True),
    ("530100", True),
    ("130600", True),
]


# Provinces with an illustrative comprehensive agreement, in the order of the seed's narrative:
# the early-1990s partners first, then the western, north-eastern and central strategies.
AGREEMENT_PROVINCES = [
    "110000",
    "130000",
    "320000",
    "330000",
    "440000",
    "370000",
    "120000",
    "420000",
    "210000",
    "530000",
    "340000",
    "640000",
    "150000",
    "220000",
    "610000",
    "500000",
    "510000",
    "520000",
    "450000",
    "360000",
    "410000",
    "430000",
    "230000",
    "650000",
    "350000",
    "310000",
]

# The seed's story of where the cooperation went: in the 1990s to the developed provinces it
# names, beside the cities whose leaders invited the university in the early 1980s (Tianjin,
# Wuhan, Dandong); after 2000 westward ("developing the west"), north-eastward (the old
# industrial base) and to central China. Beijing is the university's own city.
SEED_1990S_PROVINCES = ("110000", "130000", "320000", "330000", "440000", "370000")
EARLY_1980S_PROVINCES = ("120000", "420000", "210000")
WESTWARD_PROVINCES = {code for _c, _k, _zh, _en, provinces in ZONES[3:5] for code in provinces}
# Weights of the developed provinces: in the 1990s, and from 2000 on.
WEIGHTS_1990S = {
    "110000": 22,
    "320000": 18,
    "440000": 15,
    "330000": 14,
    "370000": 12,
    "130000": 10,
    "120000": 4,
    "420000": 3,
    "210000": 2,
}
WEIGHTS_SINCE_2000 = {
    "110000": 24,
    "320000": 12,
    "440000": 9,
    "330000": 8,
    "370000": 6,
    "130000": 5,
    "310000": 5,
    "120000": 4,
    "420000": 3,
    "210000": 3,
}
# Each other province's first year of cooperation, before its comprehensive agreement.
FIRST_YEAR_OF_OTHERS = 2000


def province_weights(year):
    """{province code: weight} of the cooperation in ``year``: where the illustrative contracts
    and events of that year lie. The western and north-eastern provinces grow over the 2000s."""
    if year < FIRST_YEAR_OF_OTHERS:
        return dict(WEIGHTS_1990S)
    weights = dict(WEIGHTS_SINCE_2000)
    growth = min(1.0, (year - FIRST_YEAR_OF_OTHERS + 1) / 10)
    for index, code in enumerate(AGREEMENT_PROVINCES):
        if code in weights:
            continue
        # Opened in the order of the narrative, two a year from 2000 (Yunnan and Anhui first).
        if year < FIRST_YEAR_OF_OTHERS + max(0, index - 9) // 2:
            continue
        weights[code] = (1.0 + 2.0 * growth) if code in WESTWARD_PROVINCES else 1.5
    return weights


def cooperating_cities(loader):
    """The prefecture-level cities the illustrative contracts and events spread over."""
    chosen = {code for code, _ in OFFICE_CITIES}
    chosen |= {"320583", "150200", "610114", "120116", "340100", "210600", "420100"}
    # The university's district and its neighbours in Beijing; Pudong in Shanghai.
    chosen |= {"110108", "110114", "110105", "310115"}
    for province_code in AGREEMENT_PROVINCES:
        prefix = province_code[:2]
        prefectures = sorted(
            code
            for code, city in loader.cities.items()
            if code.startswith(prefix) and city.level == CityLevel.PREFECTURE
        )
        chosen.update(prefectures[:4])
        if not prefectures:
            districts = sorted(code for code in loader.cities if code.startswith(prefix))
            chosen.update(districts[:3])
    return sorted(chosen)


def load_places(loader):
    loader.provinces = {p.code: p for p in Province.objects.all()}
    loader.cities = {c.code: c for c in City.objects.select_related("province")}
    if len(loader.provinces) < 34:
        raise RuntimeError("Reference geography is missing: run `manage.py load_geography` first.")
    zone_ids = upsert(
        Zone,
        [Zone(code=code, kind=kind, name_zh=zh, name_en=en) for code, kind, zh, en, _p in ZONES],
        ["code"],
    )
    replace_links(
        Zone.provinces.through,
        "zone_id",
        "province_id",
        {
            zone_ids[code]: [loader.provinces[c].pk for c in province_codes]
            for code, _kind, _zh, _en, province_codes in ZONES
        },
    )
    loader.city_codes = cooperating_cities(loader)


PLACES = DemoStep(10, load_places)
