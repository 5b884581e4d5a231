from django.urls import path

from . import views

app_name = "mentorship"

urlpatterns = [
    path("", views.home, name="home"),
]
