from django.urls import path

from apps.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("regions/<str:code>/dossier/", views.dossier_page, {"kind": "province"}, name="province"),
    path(
        "regions/<str:code>/dossier.pdf",
        views.dossier_pdf,
        {"kind": "province"},
        name="province_pdf",
    ),
    path("cities/<str:code>/dossier/", views.dossier_page, {"kind": "city"}, name="city"),
    path("cities/<str:code>/dossier.pdf", views.dossier_pdf, {"kind": "city"}, name="city_pdf"),
]
