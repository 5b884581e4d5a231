from django.urls import path

from . import views

app_name = "development"

# Mounted under /candidates/: the experiences under development/ (the overview there is a
# page of ``front``), and a candidate's plan from gaps.
urlpatterns = [
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("development/ideas/", views.ideas, name="ideas"),
    path("development/ideas/<int:pk>/", views.idea_edit, name="idea_edit"),
    path("development/rotations/new/", views.rotation_new, name="rotation_new"),
    path("development/rotations/host/", views.rotation_host, name="rotation_host"),
    path("development/rotations/<int:pk>/", views.rotation_detail, name="rotation_detail"),
    path(
        "development/candidates/<int:candidate_id>/stretch/new/",
        views.stretch_new,
        name="stretch_new",
    ),
    path(
        "development/candidates/<int:candidate_id>/conferences/new/",
        views.conference_new,
        name="conference_new",
    ),
    path(
        "development/candidates/<int:candidate_id>/benchmarks/new/",
        views.benchmark_new,
        name="benchmark_new",
    ),
    path(
        "development/candidates/<int:candidate_id>/trainings/new/",
        views.training_new,
        name="training_new",
    ),
    path(
        "development/candidates/<int:candidate_id>/shadowing/new/",
        views.shadowing_new,
        name="shadowing_new",
    ),
    path("development/shadowing/<int:pk>/", views.shadowing_detail, name="shadowing_detail"),
    path("development/stretch/<int:pk>/", views.stretch_detail, name="stretch_detail"),
    path("development/conferences/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("development/benchmarks/<int:pk>/", views.benchmark_detail, name="benchmark_detail"),
    path("development/trainings/<int:pk>/", views.training_detail, name="training_detail"),
    path("development/<str:kind>/<int:pk>/edit/", views.experience_edit, name="experience_edit"),
    path(
        "development/<str:kind>/<int:pk>/cancel/", views.experience_cancel, name="experience_cancel"
    ),
]
