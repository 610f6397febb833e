"""What a vice-governor handed the dossier reads: the provincial agreement first, sums and units
that agree, a summary and a trend written from the tables' own figures, events summarised,
the province's cities' milestones, and an office to call."""

import datetime
import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from apps.agreements.models import AgreementStatus
from apps.agreements.tests.factories import CooperationAgreementFactory
from apps.core.models import Milestone
from apps.dossiers import charts, render, selectors
from apps.events.tests.factories import ExchangeEventFactory
from apps.outcomes.models import AgreementTarget
from apps.public.tests.sample import clear_caches

pytestmark = pytest.mark.django_db


def data_for(region, language="en", *, staff=False):
    clear_caches()
    with translation.override(language):
        return selectors.dossier_data(region, staff=staff)


def html_of(data, language):
    with translation.override(language):
        return render.dossier_html(data)


def pdf_text(data, language):
    with translation.override(language):
        pdf = render.dossier_pdf(data)
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def agreements(sample):
    today = sample.today
    ended_city = CooperationAgreementFactory(
        number="AGR-SZ-OLD",
        province=sample.jiangsu,
        city=sample.suzhou,
        status=AgreementStatus.ACTIVE,  # still marked active, but its end date has passed
        signed_on=today - datetime.timedelta(days=3000),
        end_on=today - datetime.timedelta(days=400),
    )
    current_city = CooperationAgreementFactory(
        number="AGR-SZ-NEW",
        province=sample.jiangsu,
        city=sample.suzhou,
        status=AgreementStatus.ACTIVE,
        signed_on=today - datetime.timedelta(days=300),
        end_on=today + datetime.timedelta(days=1000),
    )
    provincial = CooperationAgreementFactory(
        number="AGR-JS-P",
        province=sample.jiangsu,
        city=None,
        status=AgreementStatus.ACTIVE,
        signed_on=today - datetime.timedelta(days=5000),
        end_on=None,
    )
    return provincial, current_city, ended_city


def test_the_provincial_agreement_comes_first_then_in_force_before_ended(sample, agreements):
    numbers = [a["number"] for a in data_for(sample.jiangsu)["agreements"]]
    assert numbers.index("AGR-JS-P") == 0
    assert numbers.index("AGR-SZ-NEW") < numbers.index("AGR-SZ-OLD")
    rows = {a["number"]: a for a in data_for(sample.jiangsu)["agreements"]}
    # The status the lifecycle gives by the dates (apps.agreements.lifecycle).
    assert rows["AGR-SZ-OLD"]["in_force"] is False and rows["AGR-SZ-OLD"]["status"] == "已到期"
    assert rows["AGR-SZ-NEW"]["in_force"] is True


def test_a_value_target_is_labelled_without_a_unit_its_cells_do_not_use(sample, agreements):
    provincial = agreements[0]
    AgreementTarget.objects.create(
        agreement=provincial,
        metric="contract_value",
        period_start=datetime.date(sample.today.year - 1, 1, 1),
        period_end=datetime.date(sample.today.year + 3, 12, 31),
        quantity=14590000,
    )
    AgreementTarget.objects.create(
        agreement=provincial,
        metric="people_trained",
        period_start=datetime.date(sample.today.year - 1, 1, 1),
        period_end=datetime.date(sample.today.year + 3, 12, 31),
        quantity=4148,
    )
    for language, wrong in (("zh-hans", "（元）"), ("en", "(CNY)")):
        data = data_for(sample.jiangsu, language, staff=True)
        html = html_of(data, language)
        target = next(t for t in data["agreements"][0]["targets"] if t["is_value"])
        assert wrong not in target["label"]
        # The aim is written in the page's unit and kept on one line with it.
        expected = "1,459.00 万元" if language == "zh-hans" else "CNY 14.59 million"
        shown = html.replace("\u00a0", " ").replace("\u2060", "")
        assert f'<span class="money">{expected}</span>' in shown
        assert "4,148" in html and "4148" not in html  # a count grouped in both languages
    assert ".dossier .money" in render.stylesheet() and "nowrap" in render.stylesheet()


def test_events_are_summarised_by_year_and_kind_not_listed(sample):
    for day in range(1, 21):
        ExchangeEventFactory(
            city=sample.suzhou,
            province=sample.jiangsu,
            start_on=sample.today.replace(month=1, day=day),
            participants=day * 10,
        )
    data = data_for(sample.jiangsu)
    assert "events" not in data  # no raw rows
    this_year = next(row for row in data["event_years"] if row["year"] == sample.today.year)
    assert sum(row["by_year"][-1] for row in data["event_kinds"]) == this_year["events"]
    assert data["events_total"] == sum(row["events"] for row in data["event_years"])
    assert len(data["event_highlights"]) == 3
    assert [e["participants"] for e in data["event_highlights"]] == [200, 190, 180]


def test_a_province_rolls_up_the_milestones_of_its_cities(sample):
    Milestone.objects.create(
        happened_on=datetime.date(2011, 3, 1),
        title_zh="与苏州市政府签约共建研究院",
        title_en="Institute agreed with the Suzhou government",
    )
    titles = [m["title"] for m in data_for(sample.jiangsu, "zh-hans")["milestones"]]
    assert "与苏州市政府签约共建研究院" in titles
    titles = [m["title"] for m in data_for(sample.ningxia, "zh-hans")["milestones"]]
    assert "与苏州市政府签约共建研究院" not in titles


def test_contacts_give_the_office_own_phone_and_mailbox_not_a_person(sample):
    sample.office.office_phone = "0512-66668888"
    sample.office.office_email = "suzhou-office@example.edu.cn"
    sample.office.save()
    data = data_for(sample.jiangsu, "zh-hans")
    html = html_of(data, "zh-hans")
    assert "0512-66668888" in html and "suzhou-office@example.edu.cn" in html
    # The contact person's details stay out of the public dossier.
    assert "zhang.private@example.cn" not in html and "0512-12345678" not in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_summary_is_written_from_the_tables_figures(sample, language):
    data = data_for(sample.jiangsu, language)
    figures = data["overview"]["figures"]
    summary = data["summary"]
    assert summary
    assert f"{figures['contracts']:,}" in summary
    assert str(figures["agreements"]) in summary
    if language == "en":
        assert summary.startswith("Jiangsu has")
    else:
        assert summary.startswith("江苏省与清华大学签有框架协议")
        assert not re.search(r"[A-Za-z]{4,}", summary.replace("Jiangsu", ""))


def test_the_trend_chart_draws_the_region_page_year_rows_with_gaps(sample):
    years = [
        {"year": 2020, "contracts": 3, "events": 0, "empty": False, "before_events": True},
        {"year": 2021, "contracts": 0, "events": 0, "empty": True},
        {"year": 2022, "contracts": 4, "events": 7, "empty": False},
    ]
    rows = charts.trend_rows(years)
    assert rows[0]["events"] is None  # before the first event: a gap, not 0
    assert rows[1]["contracts"] is None and rows[1]["events"] is None
    svg = charts.trend_svg(years)
    assert svg.startswith("<svg") and svg.count("<rect x=") >= 3
    assert "2022 Exchange events held: 7" in svg or "2022" in svg
    assert charts.trend_svg([]) == ""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_pdf_carries_the_summary_and_the_chart_and_no_raw_event_rows(sample, language):
    for _ in range(1, 28):
        ExchangeEventFactory(
            city=sample.suzhou, province=sample.jiangsu, start_on=sample.today.replace(day=1)
        )
    data = data_for(sample.jiangsu, language)
    pages = pdf_text(data, language)
    text = "\n".join(pages)
    first_sentence = re.split(r"(?<=[。.])", data["summary"])[0]
    assert first_sentence.replace(" ", "")[:20] in pages[0].replace(" ", "").replace("\n", "")
    assert data["trend_svg"]
    # Every page but the last is more than a heading: no near-empty page.
    for page in pages[:-1]:
        assert len(page.strip()) > 400
    assert "（元）" not in text and "(CNY)" not in text
