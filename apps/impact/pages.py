"""The public pages of impact records (read by apps.public through the registry): verified
records only, with their source and how much evidence they rest on, never the evidence itself."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.core import pages
from apps.impact import selectors
from apps.impact.choices import Subject
from apps.impact.filters import ImpactRecordFilterSet

PAGES = pages.PublicPages(
    name="impactrecord",
    slug="results",
    menu_label=gettext_lazy("Results"),
    position=70,
    list=pages.ListPage(
        title=pgettext_lazy("public site", "Results in the regions"),
        lead=pgettext_lazy(
            "public site",
            "What the cooperation delivered in a region in a year (output value, jobs, "
            "enterprises, people trained, patents transferred), as reported and verified "
            "against its evidence. Unverified reports are not shown.",
        ),
        empty_text=pgettext_lazy("public site", "No verified report matches these filters."),
        selector=selectors.public_impact_list,
        filterset=ImpactRecordFilterSet,
        item_template="impact/public/item.html",
        year_label=pgettext_lazy("public site", "Year reported"),
        filters=(
            pages.ChoiceFilter(
                "subject",
                pgettext_lazy("public site", "Reports on"),
                pgettext_lazy("public site", "Any subject"),
                Subject.choices,
            ),
        ),
    ),
    detail=pages.DetailPage(
        selector=selectors.public_impact_page, template="impact/public/detail.html"
    ),
    region_section=pages.RegionSection(
        "results",
        selectors.public_impact_in_region,
        "impact/public/region_section.html",
        position=90,
        wide=True,
    ),
    definition=pages.Definition(
        "results",
        pgettext_lazy("definitions", "Results in the regions"),
        pgettext_lazy(
            "definitions",
            "Reports of what a project, joint institute, cooperation office or agreement "
            "delivered in a region in a calendar year: output value and tax paid (yuan), jobs "
            "created, enterprises served and incubated, people trained, patents transferred or "
            "licensed, platforms built. The figures come from the partner, the cooperation "
            "office or a public statistic, as each report says. Only reports the department "
            "has verified against their evidence are published and counted; the evidence "
            "itself (statements, certificates) is kept by the department. A region's totals "
            "add up its verified reports; a figure a report leaves empty counts as unknown, "
            "not as zero.",
        ),
    ),
)
