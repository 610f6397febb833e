from django.urls import path, register_converter

from apps.opendata import views

app_name = "opendata"


class FormatConverter:
    regex = "csv|xlsx|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "fmt")

urlpatterns = [
    path("data/", views.index, name="index"),
    path("data/datapackage.json", views.datapackage, name="datapackage"),
    path("data/catalog.jsonld", views.dcat, name="dcat"),
    path("data/releases/<str:as_at>.<fmt:fmt>", views.release_download, name="release"),
    path("data/<slug:key>.<fmt:fmt>", views.dataset_download, name="download"),
]
