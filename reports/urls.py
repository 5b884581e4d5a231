from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.health, name="health"),
    path("outcomes/", views.fill_outcomes, name="outcomes"),
    path("calibration/", views.calibration, name="calibration"),
    path("<slug:key>.csv", views.series_csv, name="series_csv"),
]
