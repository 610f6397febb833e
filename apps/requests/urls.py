from django.urls import path

from apps.requests import views

app_name = "requests"

urlpatterns = [
    path("", views.submit, name="submit"),
    path("thanks/", views.thanks, name="thanks"),
    path("cities/", views.cities, name="cities"),
    path("track/<str:token>/", views.track, name="track"),
    path("track/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
