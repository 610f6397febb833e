"""The domain apps speak Chinese under zh-hans and English under en, as staff see them in the admin."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.utils.translation import override

DOMAIN_APPS = (
    "core",
    "regions",
    "partners",
    "agreements",
    "funds",
    "institutes",
    "offices",
    "projects",
    "events",
    "outcomes",
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def domain_models():
    """The models the domain apps declare (simple_history's generated copies excluded)."""
    return [
        model
        for label in DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]


def user_facing_texts():
    """(where, lazy text) for every name, label and help text a model shows staff."""
    texts = []
    for label in DOMAIN_APPS:
        texts.append((f"app {label}", apps.get_app_config(label).verbose_name))
    for model in domain_models():
        name = model._meta.label
        texts.append((f"{name} verbose_name", model._meta.verbose_name))
        texts.append((f"{name} verbose_name_plural", model._meta.verbose_name_plural))
        for field in model._meta.get_fields():
            if field.auto_created:
                continue
            texts.append((f"{name}.{field.name}", field.verbose_name))
            if field.help_text:
                texts.append((f"{name}.{field.name} help_text", field.help_text))
            for value, choice_label in field.flatchoices or ():
                texts.append((f"{name}.{field.name}={value}", choice_label))
    return texts


def test_every_domain_model_is_covered():
    labels = {model._meta.label for model in domain_models()}
    assert {"agreements.Contract", "regions.Province", "events.ExchangeEvent"} <= labels
    assert len(labels) >= 20


def test_every_name_label_and_help_text_is_chinese_under_zh_hans():
    with override("zh-hans"):
        untranslated = [
            (where, str(text))
            for where, text in user_facing_texts()
            if not CHINESE.search(str(text))
        ]
    assert untranslated == []


def test_every_name_label_and_help_text_stays_english_under_en():
    with override("en"):
        not_english = [
            (where, str(text))
            for where, text in user_facing_texts()
            if CHINESE.search(str(text)) or not LATIN.search(str(text))
        ]
    assert not_english == []


def test_contract_verbose_name_in_both_languages():
    from apps.agreements.models import Contract

    with override("zh-hans"):
        assert str(Contract._meta.verbose_name) == "技术合同"
    with override("en"):
        assert str(Contract._meta.verbose_name) == "technology contract"


def admin_index_link_texts(client):
    """The app captions and model links the admin index renders, keyed by app or model label."""
    response = client.get("/admin/", headers={"accept-language": "zh-hans"})
    assert response.status_code == 200
    html = response.content.decode()
    app_names = {
        label: re.search(rf'<a href="/admin/{label}/" class="section"[^>]*>([^<]+)</a>', html)
        for label in DOMAIN_APPS
    }
    model_names = {
        model._meta.label: re.search(
            rf'<a href="/admin/{model._meta.app_label}/{model._meta.model_name}/"[^>]*>([^<]+)</a>',
            html,
        )
        for model in domain_models()
        if model in admin.site._registry
    }
    names = {**app_names, **model_names}
    assert None not in names.values(), [where for where, found in names.items() if not found]
    return {where: found.group(1) for where, found in names.items()}


@pytest.mark.django_db
def test_admin_index_shows_domain_apps_and_models_in_chinese(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("zh-admin", "zh@example.cn"))

    names = admin_index_link_texts(client)

    assert len(names) >= len(DOMAIN_APPS) + 15
    assert {where: name for where, name in names.items() if not CHINESE.search(name)} == {}
    assert names["agreements.Contract"] == "技术合同"
