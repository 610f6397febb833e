"""The public pages of challenges (read by apps.public through the registry): the anonymised
problem, never the partner."""

from django.utils.translation import pgettext_lazy

from apps.challenges import selectors
from apps.challenges.choices import Openness
from apps.challenges.filters import ChallengeFilterSet
from apps.core import pages
from apps.requests.choices import Industry

PAGES = pages.PublicPages(
    name="challenge",
    slug="challenges",
    menu_label=pgettext_lazy("public site", "Challenges"),
    position=75,
    search_kind="challenge",
    list=pages.ListPage(
        title=pgettext_lazy("public site", "Challenges from partners"),
        lead=pgettext_lazy(
            "public site",
            "Technology problems enterprises and local governments have asked the university "
            "to solve, published with their consent and without their names. Departments and "
            "experts answer through the Science and Technology Development Department.",
        ),
        empty_text=pgettext_lazy("public site", "No challenge matches these filters."),
        selector=selectors.public_challenge_list,
        filterset=ChallengeFilterSet,
        item_template="challenges/public/item.html",
        year_label=pgettext_lazy("public site", "Year published"),
        filters=(
            pages.ChoiceFilter(
                "industry",
                pgettext_lazy("public site", "Industry"),
                pgettext_lazy("public site", "Any industry"),
                Industry.choices,
            ),
            pages.ChoiceFilter(
                "status",
                pgettext_lazy("public site", "Open or closed"),
                pgettext_lazy("public site", "Open and closed"),
                Openness.choices,
            ),
        ),
    ),
    detail=pages.DetailPage(
        selector=selectors.public_challenge_page,
        template="challenges/public/detail.html",
        title_field="title",
    ),
)
