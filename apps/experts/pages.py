"""The experts' public pages (read by apps.public through the registry): the directory at
/experts/ and each consenting expert's page, with the form that relays a partner's message."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.core import pages
from apps.experts import selectors
from apps.experts.choices import Language
from apps.experts.filters import ExpertFilterSet
from apps.requests.choices import Industry

PAGES = pages.PublicPages(
    name="expert",
    slug="experts",
    menu_label=gettext_lazy("Experts"),
    position=75,
    search_kind="expert",
    list=pages.ListPage(
        title=pgettext_lazy("public site", "Experts"),
        lead=pgettext_lazy(
            "public site",
            "Researchers of the university who have agreed to be contacted by partners: their "
            "department, title, fields and languages. Write to them through the form on their "
            "page; we pass your message on.",
        ),
        empty_text=pgettext_lazy("public site", "No expert matches these filters."),
        selector=selectors.public_expert_list,
        filterset=ExpertFilterSet,
        item_template="experts/public/item.html",
        department_filter=True,
        filters=(
            pages.ChoiceFilter(
                "industry",
                pgettext_lazy("public site", "Industry"),
                pgettext_lazy("public site", "Any industry"),
                Industry.choices,
            ),
            pages.ChoiceFilter(
                "language",
                pgettext_lazy("public site", "Language"),
                pgettext_lazy("public site", "Any language"),
                Language.choices,
            ),
        ),
    ),
    detail=pages.DetailPage(
        selector=selectors.public_expert_page,
        template="experts/public/detail.html",
        title_field="name",
    ),
)
