import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from apps.core.links import reverser

NAMES = [
    "public:province_detail",
    "public:city_detail",
    "public:project_detail",
    "public:institute_detail",
    "public:fund_detail",
    "public:office_detail",
    "public:event_detail",
    "outcomes:agreement_detail",
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_the_same_link_as_reverse_in_either_language(name, language):
    values = ["320000", "GX-OFFICE_01", "a", 7]
    with translation.override(language):
        url = reverser(name)
        for value in values:
            assert url(value) == reverse(name, args=[value])
        if language == "en":
            assert url("320000").startswith("/en/")


def test_a_value_needing_quotes_is_quoted_as_reverse_quotes_it():
    url = reverser("outcomes:agreement_detail")  # <str:number>
    for value in ["清华-2024 第1号", "a&b", "50%"]:
        assert url(value) == reverse("outcomes:agreement_detail", args=[value])
    assert "%E6%B8%85" in url("清华")


def test_a_value_the_converter_refuses_is_refused():
    url = reverser("public:project_detail")  # <slug:code>
    with pytest.raises(NoReverseMatch):
        url("合作 项目")
    with pytest.raises(NoReverseMatch):
        url("a/b")


def test_an_int_pattern_fails_at_once():
    with pytest.raises(NoReverseMatch):
        reverser("public:organization_detail")
