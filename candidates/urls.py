from django.urls import path

from . import views

app_name = "candidates"

urlpatterns = [
    path("", views.pool, name="list"),
    path("ninebox/", views.ninebox, name="ninebox"),
    path("positions/", views.positions, name="positions"),
    path("positions/<int:pk>/", views.position_detail, name="position_detail"),
    path("development/", views.development, name="development"),
    path("<int:pk>/", views.detail, name="detail"),
]
