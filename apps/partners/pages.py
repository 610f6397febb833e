"""The public page of a partner organization (read by apps.public through the registry). It has
no list of its own: organizations are reached from the records they take part in and by search."""

from apps.core import pages
from apps.partners import selectors

PAGES = pages.PublicPages(
    name="organization",
    slug="organizations",
    position=60,
    search_kind="organization",
    detail=pages.DetailPage(
        selector=selectors.public_organization_page,
        template="partners/public/detail.html",
        converter="int",
        argument="pk",
    ),
)
