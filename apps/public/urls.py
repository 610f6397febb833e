from django.urls import path

from apps.public import views

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
    path("projects/", views.project_list, name="project_list"),
    path("projects/<slug:code>/", views.project_detail, name="project_detail"),
    path("institutes/", views.institute_list, name="institute_list"),
    path("institutes/<slug:code>/", views.institute_detail, name="institute_detail"),
    path("funds/", views.fund_list, name="fund_list"),
    path("funds/<slug:code>/", views.fund_detail, name="fund_detail"),
    path("offices/", views.office_list, name="office_list"),
    path("offices/<slug:code>/", views.office_detail, name="office_detail"),
    path("events/", views.event_list, name="event_list"),
    path("events/<slug:code>/", views.event_detail, name="event_detail"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("search/", views.search, name="search"),
]
