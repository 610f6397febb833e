"""The record types' public pages, as their apps declare them (``apps.core.pages``)."""

import functools

from apps.core.registry import registry


@functools.cache
def public_pages():
    """Every declared ``PublicPages``, in the menu's order."""
    declared = (record_type.hook("pages") for record_type in registry.all())
    return tuple(sorted((pages for pages in declared if pages), key=lambda p: p.position))


def listed_pages():
    """The declarations with a public list (the site menu's entries)."""
    return tuple(pages for pages in public_pages() if pages.list)


def region_sections():
    """The record types' sections of a province's or city's page, in the page's order."""
    sections = (pages.region_section for pages in public_pages() if pages.region_section)
    return tuple(sorted(sections, key=lambda section: section.position))


def figure_columns(*, places=False):
    """The record types' count columns of the table of provinces (or of a province's cities)."""
    columns = (pages.figure_column for pages in public_pages() if pages.figure_column)
    return tuple(
        sorted(
            (column for column in columns if column.in_places or not places),
            key=lambda column: column.position,
        )
    )


def map_markers():
    """The record types placed on the home page's map, each with its detail page's URL name."""
    declared = [
        (pages.map_markers, f"public:{pages.name}_detail")
        for pages in public_pages()
        if pages.map_markers
    ]
    return tuple(sorted(declared, key=lambda pair: pair[0].position))


def headline_figures():
    """The record types' key figures on the home page and the region pages, in their order."""
    figures = (pages.headline_figure for pages in public_pages() if pages.headline_figure)
    return tuple(sorted(figures, key=lambda figure: figure.position))


def compared_figures():
    """(record type's label, ``ComparedFigures``) of the record types that add figures to the
    page of two regions (registry hook ``compared``), in the registry's order."""
    return tuple(
        (record_type.label, record_type.hook("compared"))
        for record_type in registry.all()
        if record_type.hook("compared") is not None
    )
