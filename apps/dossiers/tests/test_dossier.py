import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from pypdf import PdfReader

from apps.agreements.models import Contract, ContractStatus
from apps.agreements.tests.factories import ContractFactory
from apps.core.money import money_with_unit
from apps.dossiers import render, selectors
from apps.events.tests.factories import ExchangeEventFactory
from apps.public.tests.sample import clear_caches

CONFIDENTIAL_AMOUNT = Decimal("4321987.65")
REGIONS = [("province", "320000", "江苏省", "Jiangsu"), ("city", "320500", "苏州市", "Suzhou")]


@pytest.fixture
def secret_contract(sample):
    """A contract in Suzhou staff know of and the public must not."""
    return ContractFactory(
        number="CT-SZ-CONFIDENTIAL",
        province=sample.jiangsu,
        city=sample.suzhou,
        amount=CONFIDENTIAL_AMOUNT,
        is_public=False,
        signed_on=datetime.date(2020, 5, 1),
    )


def pdf_pages(kind, code, language, *, staff=False):
    with translation.override(language):
        data = selectors.dossier_data(selectors.region_for(kind, code), staff=staff)
        pdf = render.dossier_pdf(data)
    assert pdf.startswith(b"%PDF")
    # A sum's no-break space and word joiner (apps.core.templatetags.money) read as plain text.
    return data, [
        page.extract_text().replace("\u00a0", " ").replace("\u2060", "")
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def staff_total(region_code):
    contracts = Contract.objects.exclude(status=ContractStatus.DRAFT)
    if region_code == "320000":
        contracts = contracts.filter(province__code=region_code)
    else:
        contracts = contracts.filter(city__code=region_code)
    return contracts.aggregate(total=Sum("amount"))["total"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind,code,name_zh,name_en", REGIONS)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_public_dossier_pdf_renders_chinese_page_numbers_as_of_and_nothing_confidential(
    secret_contract, kind, code, name_zh, name_en, language
):
    data, pages = pdf_pages(kind, code, language)
    text = "\n".join(pages)

    # Chinese renders as Chinese text (not boxes or missing glyphs), in both languages.
    assert name_zh in text
    if language == "zh-hans":
        assert "简报" in text and "合作协议" in text
        assert "清华大学苏州汽车研究院" in text and "苏州科技成果对接会" in text
    else:
        assert name_en in text and "Briefing dossier".upper() in text
        assert "Suzhou Automotive Research Institute" in text
        assert "Suzhou technology fair" in text
    # Every page numbered, every page dated.
    as_of = timezone.localtime(data["as_of"]).strftime("%Y-%m-%d %H:%M")
    for number, page in enumerate(pages, start=1):
        if language == "zh-hans":
            assert f"第 {number} 页，共 {len(pages)} 页" in page
        else:
            assert f"Page {number} of {len(pages)}" in page
        assert as_of in page
    # No confidential figure: not the hidden contract, not the all-contracts total.
    with translation.override(language):
        hidden = [
            money_with_unit(CONFIDENTIAL_AMOUNT),
            money_with_unit(staff_total(code)),
            "4,321,987",
            "432.2",
        ]
    for figure in hidden:
        assert figure not in text
    assert "zhang.private@example.cn" not in text and "张秘书" not in text
    assert not re.search(r"confidential|保密数据", text, re.IGNORECASE)


@pytest.mark.django_db
def test_staff_dossier_marks_confidential_figures_on_every_page(secret_contract):
    data, pages = pdf_pages("city", "320500", "zh-hans", staff=True)
    text = "\n".join(pages)
    with translation.override("zh-hans"):
        assert money_with_unit(staff_total("320500")) in text
    assert data["confidential"]["value"] == float(staff_total("320500"))
    for page in pages:
        assert "内部资料" in page
    assert "zhang.private@example.cn" in text


@pytest.mark.django_db
def test_dossier_reads_a_fixed_number_of_queries(sample, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as few:
        selectors.dossier_data(sample.jiangsu, staff=True)
    for day in range(1, 25):
        ContractFactory(
            province=sample.jiangsu, city=sample.suzhou, signed_on=datetime.date(2021, 1, day)
        )
        ExchangeEventFactory(city=sample.suzhou, start_on=timezone.localdate().replace(day=1))
    clear_caches()
    with django_assert_max_num_queries(len(few.captured_queries)):
        selectors.dossier_data(sample.jiangsu, staff=True)
