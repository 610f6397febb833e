import datetime

import pytest

from apps.agreements.models import AgreementKind
from apps.agreements.tests.factories import CooperationAgreementFactory
from apps.public.tests.fixtures import fresh_cache_and_language  # noqa: F401
from apps.regions.tests.factories import CityFactory, ProvinceFactory


@pytest.fixture
def places(db):
    """A province with a city and a district of it, and another province."""
    jiangsu = ProvinceFactory(code="320000", name_zh="江苏省", name_en="Jiangsu")
    suzhou = CityFactory(code="320500", province=jiangsu, name_zh="苏州市", name_en="Suzhou")
    wujiang = CityFactory(
        code="320509", province=jiangsu, parent=suzhou, name_zh="吴江区", name_en="Wujiang"
    )
    wuxi = CityFactory(code="320200", province=jiangsu, name_zh="无锡市", name_en="Wuxi")
    ningxia = ProvinceFactory(code="640000", name_zh="宁夏回族自治区", name_en="Ningxia")
    return {
        "jiangsu": jiangsu,
        "suzhou": suzhou,
        "wujiang": wujiang,
        "wuxi": wuxi,
        "ningxia": ningxia,
    }


@pytest.fixture
def agreements(places):
    """Jiangsu's comprehensive agreement (open-ended, from 2010) and Suzhou's specific one
    (2018–2022)."""
    province = CooperationAgreementFactory(
        number="AGR-JS",
        kind=AgreementKind.COMPREHENSIVE,
        province=places["jiangsu"],
        city=None,
        signed_on=datetime.date(2010, 5, 1),
    )
    city = CooperationAgreementFactory(
        number="AGR-SZ",
        kind=AgreementKind.SPECIFIC,
        province=places["jiangsu"],
        city=places["suzhou"],
        signed_on=datetime.date(2018, 1, 1),
        end_on=datetime.date(2022, 12, 31),
    )
    return {"province": province, "city": city}
