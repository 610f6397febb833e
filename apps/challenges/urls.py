from django.urls import path

from apps.challenges import views

app_name = "challenges"

urlpatterns = [path("funnel/", views.public_funnel, name="funnel")]
