from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
    path("apply/<int:intake_pk>/", views.application_new, name="application_new"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path(
        "applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"
    ),
    path("applications/<int:pk>/endorse/", views.endorse, name="endorse"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("intakes/new/", views.intake_new, name="intake_new"),
    path("intakes/<int:pk>/", views.intake, name="intake"),
    path("intakes/<int:pk>/edit/", views.intake_edit, name="intake_edit"),
    path("cohorts/<int:pk>/", views.cohort, name="cohort"),
]
