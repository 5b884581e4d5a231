from django.urls import include, path

from . import views

app_name = "candidates"

urlpatterns = [
    path("", views.pool, name="list"),
    path("nominate/", views.nominate, name="nominate"),
    path("ninebox/", views.ninebox, name="ninebox"),
    path("positions/", views.positions, name="positions"),
    path("positions/<int:pk>/", views.position_detail, name="position_detail"),
    path("nominations/<int:pk>/readiness/", views.change_readiness, name="change_readiness"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/successor/", views.nominate_successor, name="nominate_successor"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
]

# Development experiences (rotations, exposure, training) live in their own sub-package.
urlpatterns += [path("development/", include("candidates.development.urls"))]
