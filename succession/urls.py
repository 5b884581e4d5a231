from django.urls import path

from . import views

app_name = "succession"

# Mounted under /candidates/ next to the pages it extends (positions, profiles).
urlpatterns = [
    path("nominations/<int:pk>/readiness/", views.readiness, name="readiness"),
    path("nominations/<int:pk>/confirm/", views.readiness_confirm, name="confirm"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("targets/", views.targets_index, name="targets"),
    path("targets/level/<int:level>/", views.targets_level, name="targets_level"),
    path("positions/<int:pk>/targets/", views.targets_position, name="targets_position"),
]
