from django.urls import path

from . import views

app_name = "candidates"

# Mounted under /candidates/ next to the pages of ``front`` (pool, 9-box, profile) and
# of ``succession`` (key positions, readiness), which share the prefix.
urlpatterns = [
    path("nominate/", views.nominate, name="nominate"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/competencies/", views.rate_competencies, name="rate_competencies"),
]
