"""Reads of published achievements for the public pages."""

import json

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.safestring import mark_safe

from apps.achievements.models import Achievement, Patent, PatentStatus


def public_achievement_list(params=None):
    return (
        Achievement.objects.public()
        .select_related("department", "province", "city")
        .order_by("-listed_on", "code")
    )


def public_achievement_page(code):
    achievement = (
        Achievement.objects.public()
        .select_related("department", "province", "city")
        .prefetch_related(
            Prefetch("patents", queryset=Patent.objects.order_by("filed_on", "number"))
        )
        .get(code=code)
    )
    return {"record": achievement, "json_ld": json_ld(achievement)}


def json_ld(achievement):
    """The record as schema.org JSON-LD (a ``CreativeWork`` with its patents, the offers and
    the place where applied), safe inside a ``<script>`` element."""
    url = reverse("public:achievement_detail", args=[achievement.code])
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "identifier": achievement.code,
        "name": achievement.title_zh,
        "alternateName": achievement.title_en or None,
        "description": achievement.summary_zh,
        "abstract": achievement.summary_en or None,
        "inLanguage": ["zh-Hans", "en"],
        "about": achievement.get_industry_display(),
        "keywords": ", ".join(filter(None, [achievement.field_zh, achievement.field_en])) or None,
        "datePublished": achievement.listed_on.isoformat(),
        "isAccessibleForFree": False,
        "creator": {
            "@type": "Organization",
            "name": achievement.department.name_zh,
            "alternateName": achievement.department.name_en or None,
            "parentOrganization": {"@type": "CollegeOrUniversity", "name": "清华大学"},
        },
        "additionalProperty": [
            {
                "@type": "PropertyValue",
                "name": "technology readiness level",
                "value": achievement.maturity,
                "minValue": 1,
                "maxValue": 9,
            }
        ],
        "offers": [
            {
                "@type": "Offer",
                "category": mode,
                "description": "面议" if achievement.terms_negotiable else achievement.terms_zh,
            }
            for mode in achievement.modes
        ],
        "hasPart": [
            {
                "@type": "CreativeWork",
                "additionalType": "Patent",
                "identifier": patent.number,
                "dateCreated": patent.filed_on.isoformat(),
                "datePublished": patent.granted_on.isoformat()
                if patent.status == PatentStatus.GRANTED and patent.granted_on
                else None,
                "creativeWorkStatus": patent.status,
            }
            for patent in achievement.patents.all()
        ],
    }
    place = achievement.city or achievement.province
    if place is not None:
        data["spatialCoverage"] = {"@type": "Place", "name": place.name_zh}
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
