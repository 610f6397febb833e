"""Experts' rules the model and the database enforce: consent has its date, a known title,
at least one language, a valid and unique ORCID iD; messages keep the portal's text rules."""

import re

import pytest
from django.core.exceptions import ValidationError

from apps.core.testing.models import rejected
from apps.experts.models import Expert
from apps.experts.orcid import check_character, normalize_orcid, validate_orcid
from apps.experts.tests.factories import ExpertFactory, ExpertMessageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "orcid", ["0000-0002-1825-0097", "0000-0001-5109-3700", "0000-0002-1694-233X"]
)
def test_valid_orcid_ids_pass_the_iso_7064_check(orcid):
    validate_orcid(orcid)
    assert check_character(orcid.replace("-", "")[:15]) == orcid[-1]


@pytest.mark.parametrize(
    ("orcid", "code"),
    [
        ("0000-0002-1825-0098", "orcid_checksum"),
        ("0000-0002-1694-2330", "orcid_checksum"),
        ("0000-0002-1825-009", "orcid_format"),
        ("0000 0002 1825 0097", "orcid_format"),
        ("ABCD-0002-1825-0097", "orcid_format"),
    ],
)
def test_a_mistyped_orcid_id_is_refused_saying_why(orcid, code):
    with pytest.raises(ValidationError) as refused:
        validate_orcid(orcid)
    assert refused.value.code == code


def test_an_orcid_id_is_kept_in_its_canonical_form():
    assert normalize_orcid(" https://orcid.org/0000-0002-1694-233x ") == "0000-0002-1694-233X"
    expert = ExpertFactory.build(orcid="https://orcid.org/0000-0002-1825-0097")
    expert.full_clean(exclude=["department"])
    assert expert.orcid == "0000-0002-1825-0097"


def test_the_model_refuses_a_wrong_check_character():
    expert = ExpertFactory.build(orcid="0000-0002-1825-0098")
    with pytest.raises(ValidationError) as refused:
        expert.full_clean(exclude=["department"])
    assert "orcid" in refused.value.message_dict


def test_an_orcid_id_belongs_to_one_expert_but_many_have_none():
    ExpertFactory(orcid="0000-0002-1825-0097")
    rejected(ExpertFactory, orcid="0000-0002-1825-0097")
    ExpertFactory(orcid="")
    ExpertFactory(orcid="")


def test_consent_is_recorded_with_its_date():
    rejected(ExpertFactory, consent_given=True, consent_on=None)
    ExpertFactory(consent_given=False, consent_on=None)
    expert = ExpertFactory.build(consent_given=True, consent_on=None)
    with pytest.raises(ValidationError) as refused:
        expert.clean()
    assert "consent_on" in refused.value.message_dict


def test_an_expert_works_in_at_least_one_language_and_has_a_known_title():
    rejected(ExpertFactory, speaks_zh=False)
    rejected(ExpertFactory, title="dean")
    ExpertFactory(speaks_zh=False, speaks_en=True)


def test_without_consent_an_expert_is_not_published():
    shown = ExpertFactory()
    ExpertFactory(consent_given=False, consent_on=None)
    ExpertFactory(is_public=False)

    assert list(Expert.objects.published()) == [shown]


@pytest.mark.parametrize(
    "hostile",
    ["你好\x00世界", "报价\u202efdp.exe", "\u200b\u200b"],
)
def test_a_message_refuses_control_and_text_direction_characters(hostile):
    message = ExpertMessageFactory.build(expert=ExpertFactory(), body=hostile)
    with pytest.raises(ValidationError) as refused:
        message.full_clean()
    assert "body" in refused.value.message_dict


def experts_texts():
    """(where, lazy text) for every name, label, help text and choice the experts' models show."""
    from django.apps import apps

    config = apps.get_app_config("experts")
    texts = [("app", config.verbose_name)]
    for model in config.get_models():
        if model.__name__.startswith("Historical"):
            continue
        texts += [(model.__name__, model._meta.verbose_name)]
        texts += [(model.__name__, model._meta.verbose_name_plural)]
        for field in model._meta.get_fields():
            if field.auto_created:
                continue
            texts.append((f"{model.__name__}.{field.name}", field.verbose_name))
            if field.help_text:
                texts.append((f"{model.__name__}.{field.name} help", field.help_text))
            for value, label in field.flatchoices or ():
                texts.append((f"{model.__name__}.{field.name}={value}", label))
    return texts


def test_every_name_label_help_text_and_choice_is_chinese_under_zh_hans_english_under_en():
    from django.utils.translation import override

    chinese = re.compile(r"[\u4e00-\u9fff]")
    with override("zh-hans"):
        untranslated = [(w, str(t)) for w, t in experts_texts() if not chinese.search(str(t))]
    with override("en"):
        not_english = [(w, str(t)) for w, t in experts_texts() if chinese.search(str(t))]

    assert untranslated == []
    assert not_english == []
