from django.urls import path

from apps.public import views
from apps.public.pages import public_pages

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("definitions/", views.definitions, name="definitions"),
    path(
        "tables/<slug:table>.<str:file_format>",
        views.home_table_download,
        name="home_table_download",
    ),
    path(
        "regions/<str:code>/tables/<slug:table>.<str:file_format>",
        views.province_table_download,
        name="province_table_download",
    ),
    path(
        "cities/<str:code>/tables/<slug:table>.<str:file_format>",
        views.city_table_download,
        name="city_table_download",
    ),
    path("regions/", views.region_index, name="region_index"),
    path("regions/<str:code>/", views.province_detail, name="province_detail"),
    path("cities/<str:code>/", views.city_detail, name="city_detail"),
    path("compare/", views.compare, name="compare"),
    path("search/", views.search, name="search"),
]

# Every record type's list and record pages, as its app declares them (apps.core.pages).
for pages in public_pages():
    if pages.list:
        urlpatterns.append(
            path(f"{pages.slug}/", views.list_view(pages), name=f"{pages.name}_list")
        )
    urlpatterns.append(
        path(
            f"{pages.slug}/<{pages.detail.converter}:{pages.detail.argument}>/",
            views.detail_view(pages),
            name=f"{pages.name}_detail",
        )
    )
