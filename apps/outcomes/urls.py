from django.urls import path

from apps.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("agreements/<str:number>/", views.agreement_detail, name="agreement_detail"),
]
