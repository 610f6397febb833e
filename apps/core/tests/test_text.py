"""The portal's text rules (``apps.core.text``), declared once and carried by the model
fields: no control characters, no text of invisible characters only, no bidirectional
embedding, override or isolate characters. The admin, the API, imports and the request form
all validate through those fields."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from apps.core.models import Milestone, TimeStampedModel
from apps.core.text import TEXT_VALIDATORS, reject_bidi_controls, reject_invisible_only

BIDI_CONTROLS = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@pytest.mark.parametrize("character", BIDI_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_bidi_embeddings_overrides_and_isolates_are_refused_by_name(character):
    with pytest.raises(ValidationError) as refused:
        reject_bidi_controls(f"校地合作{character}协议")

    assert refused.value.code == "bidi_control"
    assert f"U+{ord(character):04X}" in refused.value.messages[0]


@pytest.mark.parametrize(
    "value", ["\u200b", "\u200b\u200c\u2060\ufeff", "\u3164\u2800", " \u200d "]
)
def test_text_of_zero_width_characters_only_is_refused(value):
    with pytest.raises(ValidationError) as refused:
        reject_invisible_only(value)
    assert refused.value.code == "invisible_only"


@pytest.mark.parametrize(
    "value",
    [
        "清华大学",
        "Tsinghua University",
        # Directional marks set the direction of neighbouring punctuation only: kept.
        "ACME\u200e（苏州）有限公司",
        "\u05e9\u05dc\u05d5\u05dd\u200f (Shalom Ltd.)",
        "第一行\n第二行",
    ],
)
def test_ordinary_text_and_directional_marks_pass(value):
    for validate in TEXT_VALIDATORS:
        validate(value)


def test_every_text_field_of_the_portals_models_carries_the_rules():
    checked = 0
    for model in apps.get_models():
        if not issubclass(model, TimeStampedModel):
            continue
        for field in model._meta.fields:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                assert [v for v in field.validators if v in TEXT_VALIDATORS] == TEXT_VALIDATORS, (
                    f"{model._meta.label}.{field.name}"
                )
                checked += 1
    assert checked > 50


MILESTONE = {
    "happened_on": "2024-05-01",
    "precision": "month",
    "department": "",
    "title_zh": "校地合作协议签署",
    "title_en": "Cooperation agreement signed",
    "description_zh": "",
    "description_en": "",
    "is_public": "on",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "field", "value", "message"),
    [
        ("zh-hans", "title_en", "\u200b\u2060", "只包含不可见字符"),
        ("en", "title_en", "\u200b\u2060", "only invisible characters"),
        ("zh-hans", "title_zh", "校地合作\u202e署签议协", "文字方向控制字符 U+202E"),
        ("en", "title_zh", "校地合作\u2067协议签署", "text-direction control character U+2067"),
    ],
)
def test_the_admin_refuses_such_a_name_and_keeps_what_was_typed(
    staff_client, language, field, value, message
):
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = staff_client.post(reverse("admin:core_milestone_add"), {**MILESTONE, field: value})

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert message in " ".join(form.errors[field])
    assert form["description_zh"].value() == "" and form[field].value() == value
    assert not Milestone.objects.exists()
