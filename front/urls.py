from django.urls import path

from . import org_import, views

app_name = "front"

# Mounted under /candidates/ (the URL map in docs/product.md); /me/ is mounted at the top level.
urlpatterns = [
    path("", views.pool, name="pool"),
    path("ninebox/", views.ninebox, name="ninebox"),
    path("development/", views.development_overview, name="development"),
    path("<int:pk>/", views.profile, name="profile"),
    path("people/import/", org_import.org_import_page, name="org_import"),
]
