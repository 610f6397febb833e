from django.urls import path

from apps.experts import views

app_name = "experts"

urlpatterns = [
    path("<slug:code>/contact/", views.contact, name="contact"),
    path("<slug:code>/contact/sent/", views.sent, name="sent"),
]
