"""Reads of published experts for the public pages: never the e-mail address, and of the
linked achievements and projects only the published ones."""

import json

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.safestring import mark_safe

from apps.achievements.models import Achievement
from apps.experts.forms import ExpertMessageForm
from apps.experts.models import Expert
from apps.projects.models import CooperationProject


def published_links():
    """The expert's achievements and projects anyone may see, in their lists' order."""
    return (
        Prefetch(
            "achievements",
            queryset=Achievement.objects.published().order_by("-listed_on", "code"),
            to_attr="public_achievements",
        ),
        Prefetch(
            "projects",
            queryset=CooperationProject.objects.published().order_by("-started_on", "code"),
            to_attr="public_projects",
        ),
    )


def public_expert_list(params=None):
    return (
        Expert.objects.public()
        .select_related("department", "province", "city")
        .order_by("name_zh", "code")
    )


def public_expert_page(code):
    expert = (
        Expert.objects.public()
        .select_related("department", "province", "city")
        .prefetch_related(*published_links())
        .get(code=code)
    )
    return {"record": expert, "json_ld": json_ld(expert), "form": ExpertMessageForm()}


def json_ld(expert):
    """The expert as a schema.org ``Person``, safe inside a ``<script>`` element: name, job
    title, department, fields and ORCID iD; never an e-mail address."""
    url = reverse("public:expert_detail", args=[expert.code])
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": url,
        "url": url,
        "identifier": expert.code,
        "name": expert.name_zh,
        "alternateName": expert.name_en or None,
        "jobTitle": expert.get_title_display(),
        "knowsAbout": [text for text in (expert.fields_zh, expert.fields_en) if text],
        "knowsLanguage": expert.languages,
        "description": expert.profile_zh or None,
        "worksFor": {
            "@type": "Organization",
            "name": expert.department.name_zh,
            "alternateName": expert.department.name_en or None,
            "parentOrganization": {"@type": "CollegeOrUniversity", "name": "清华大学"},
        },
        "sameAs": [f"https://orcid.org/{expert.orcid}"] if expert.orcid else None,
        "subjectOf": [
            {
                "@type": "CreativeWork",
                "name": achievement.title_zh,
                "url": reverse("public:achievement_detail", args=[achievement.code]),
            }
            for achievement in getattr(expert, "public_achievements", ())
        ]
        or None,
    }
    text = json.dumps(_without_none(data), ensure_ascii=False, sort_keys=True)
    # Nothing in the text may close the script element or open a comment.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above for a script element


def _without_none(value):
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value
