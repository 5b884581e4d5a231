from django.urls import include, path

from . import views

app_name = "candidates"

urlpatterns = [
    path("", views.pool, name="list"),
    path("ninebox/", views.ninebox, name="ninebox"),
    path("positions/", views.positions, name="positions"),
    path("positions/<int:pk>/", views.position_detail, name="position_detail"),
    path("<int:pk>/", views.detail, name="detail"),
]

# Development experiences (rotations, exposure, training) live in their own sub-package.
urlpatterns += [path("development/", include("candidates.development.urls"))]
