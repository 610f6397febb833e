"""The public site serves what the apps declare (apps.core.pages), and names no record type."""

import pytest
from django.urls import resolve, reverse

from apps.core.registry import registry
from apps.public.pages import public_pages

pytestmark = pytest.mark.django_db

DECLARED = public_pages()


def test_every_declaring_app_is_a_registered_record_types_hook():
    declaring = [t.label for t in registry.all() if t.hook("pages")]
    assert len(declaring) == len(DECLARED) >= 6


@pytest.mark.parametrize("pages", DECLARED, ids=lambda pages: pages.name)
def test_each_declaration_gets_its_routes_at_its_slug(pages):
    argument = 1 if pages.detail.converter == "int" else "some-code"
    detail = reverse(f"public:{pages.name}_detail", args=[argument])
    assert detail == f"/{pages.slug}/{argument}/"
    # The resolved page's arguments are the record's alone.
    assert resolve(detail).kwargs == {pages.detail.argument: argument}
    if pages.list:
        assert reverse(f"public:{pages.name}_list") == f"/{pages.slug}/"


def test_the_menu_links_every_declared_list_in_order(client):
    html = client.get(reverse("public:definitions")).content.decode()
    links = [f'href="/{pages.slug}/"' for pages in DECLARED if pages.list]
    positions = [html.index(link) for link in links]
    assert positions == sorted(positions)
