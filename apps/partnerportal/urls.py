from django.urls import path

from apps.partnerportal import views

app_name = "partnerportal"

urlpatterns = [
    path("", views.page, name="page"),
    path("sign-in/", views.signin, name="signin"),
    path("sign-in/sent/", views.signin_sent, name="signin_sent"),
    path("sign-in/<str:token>/", views.signin_link, name="signin_link"),
    path("sign-out/", views.signout, name="signout"),
]
