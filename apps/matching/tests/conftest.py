import pytest

from apps.core.demo_seed import DEPARTMENTS, KEYWORDS
from apps.core.models import Department


@pytest.fixture
def demo_departments(db):
    """The demo data's departments with their keywords: {code: Department}."""
    return {
        code: Department.objects.create(
            code=code,
            name_zh=zh,
            name_en=en,
            kind=kind,
            keywords_zh=KEYWORDS[code][0],
            keywords_en=KEYWORDS[code][1],
        )
        for code, zh, en, kind, _established, _illustrative in DEPARTMENTS
    }
