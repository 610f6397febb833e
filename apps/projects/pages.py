"""The public pages of cooperation projects (read by apps.public through the registry)."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.core import pages
from apps.projects import selectors
from apps.projects.filters import CooperationProjectFilterSet
from apps.projects.models import ProjectStatus

PAGES = pages.PublicPages(
    name="project",
    slug="projects",
    menu_label=gettext_lazy("Projects"),
    position=10,
    search_kind="project",
    list=pages.ListPage(
        title=pgettext_lazy("public site", "Cooperation projects"),
        lead=pgettext_lazy(
            "public site", "Research achievements of the university applied in the regions."
        ),
        empty_text=pgettext_lazy("public site", "No project matches these filters."),
        selector=selectors.public_project_list,
        filterset=CooperationProjectFilterSet,
        item_template="projects/public/item.html",
        year_label=pgettext_lazy("public site", "Year started"),
        department_filter=True,
        filters=(
            pages.ChoiceFilter(
                "status",
                pgettext_lazy("public site", "Status"),
                pgettext_lazy("public site", "Any status"),
                ProjectStatus.choices,
            ),
        ),
    ),
    detail=pages.DetailPage(
        selector=selectors.public_project_page,
        template="projects/public/detail.html",
        title_field="title",
    ),
    region_section=pages.RegionSection(
        "projects",
        selectors.public_projects_in_region,
        "projects/public/region_section.html",
        position=40,
    ),
    figure_column=pages.FigureColumn(
        "projects",
        pgettext_lazy("public table", "Projects"),
        "projects",
        chart_label=pgettext_lazy("public site", "Projects"),
        position=10,
    ),
    headline_figure=pages.HeadlineFigure("projects", "projects/public/figure.html", position=10),
    definition=pages.Definition(
        "projects",
        pgettext_lazy("definitions", "Cooperation projects"),
        pgettext_lazy(
            "definitions",
            "Research achievements of the university applied in a region (an industrial line, a "
            "pilot, a demonstration site). A project applied in several regions counts once in "
            "each of them and once in the national total.",
        ),
    ),
)
