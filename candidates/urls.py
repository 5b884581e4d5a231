from django.urls import path

from . import views

app_name = "candidates"

# Mounted under /candidates/ next to the pages of ``front`` (pool, 9-box, positions,
# profile), which share the prefix.
urlpatterns = [
    path("nominate/", views.nominate, name="nominate"),
    path("positions/<int:pk>/fill/", views.position_fill, name="position_fill"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/competencies/", views.rate_competencies, name="rate_competencies"),
    path("<int:pk>/successor/", views.nominate_successor, name="nominate_successor"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
]
