from django.urls import path

from . import compare, competencies, flight_risk, org_import, people, views

app_name = "front"

# Mounted under /candidates/ (the URL map in docs/product.md); /me/ is mounted at the top level.
urlpatterns = [
    path("", views.pool, name="pool"),
    path("ninebox/", views.ninebox, name="ninebox"),
    path("positions/<int:pk>/compare/", compare.position_compare, name="position_compare"),
    path("development/", views.development_overview, name="development"),
    path("<int:pk>/", views.profile, name="profile"),
    path("people/import/", org_import.org_import_page, name="org_import"),
    path("people/export.csv", org_import.people_export, name="people_export"),
    path("people/new/", people.person_new, name="person_new"),
    path("competencies/", competencies.competencies, name="competencies"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/leave/", people.person_mark_left, name="person_mark_left"),
    path("people/<int:pk>/flight-risk/", flight_risk.person_flight_risk, name="person_flight_risk"),
    path("people/import/<int:pk>/", org_import.org_import_detail, name="org_import_detail"),
    path(
        "people/import/<int:pk>/confirm/", org_import.org_import_confirm, name="org_import_confirm"
    ),
    path("people/import/<int:pk>/cancel/", org_import.org_import_cancel, name="org_import_cancel"),
    path(
        "people/import/<int:pk>/requeue/", org_import.org_import_requeue, name="org_import_requeue"
    ),
]
