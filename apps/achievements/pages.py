"""The public pages of the achievements catalogue (read by apps.public through the registry)."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.achievements import selectors
from apps.achievements.filters import AchievementFilterSet
from apps.achievements.models import LicensingMode, Readiness
from apps.core import pages
from apps.requests.choices import Industry

PAGES = pages.PublicPages(
    name="achievement",
    slug="achievements",
    menu_label=gettext_lazy("Achievements"),
    position=70,
    search_kind="achievement",
    list=pages.ListPage(
        title=pgettext_lazy("public site", "Achievements offered to partners"),
        lead=pgettext_lazy(
            "public site",
            "The university's research results available for transfer, licence, equity "
            "investment or co-development: non-confidential summaries, readiness and terms.",
        ),
        empty_text=pgettext_lazy("public site", "No achievement matches these filters."),
        selector=selectors.public_achievement_list,
        filterset=AchievementFilterSet,
        item_template="achievements/public/item.html",
        year_label=pgettext_lazy("public site", "Year listed"),
        department_filter=True,
        filters=(
            pages.ChoiceFilter(
                "industry",
                pgettext_lazy("public site", "Industry"),
                pgettext_lazy("public site", "Any industry"),
                Industry.choices,
            ),
            pages.ChoiceFilter(
                "maturity",
                pgettext_lazy("public site", "Readiness"),
                pgettext_lazy("public site", "Any readiness level"),
                [(str(value), label) for value, label in Readiness.choices],
            ),
            pages.ChoiceFilter(
                "mode",
                pgettext_lazy("public site", "Licensing mode"),
                pgettext_lazy("public site", "Any mode"),
                LicensingMode.choices,
            ),
        ),
    ),
    detail=pages.DetailPage(
        selector=selectors.public_achievement_page,
        template="achievements/public/detail.html",
        title_field="title",
    ),
)
