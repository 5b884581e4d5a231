from django.urls import path

from . import views

app_name = "succession"

# Mounted under /candidates/ next to the pages it extends (the pool, the profiles).
urlpatterns = [
    path("positions/", views.positions, name="positions"),
    path("positions/new/", views.position_new, name="position_new"),
    path("positions/coverage/", views.coverage, name="coverage"),
    path("positions/<int:pk>/", views.position_detail, name="position_detail"),
    path("positions/<int:pk>/edit/", views.position_edit, name="position_edit"),
    path("positions/<int:pk>/retire/", views.position_retire, name="position_retire"),
    path("positions/<int:pk>/fill/", views.position_fill, name="position_fill"),
    path("positions/<int:pk>/targets/", views.targets_position, name="targets_position"),
    path("positions/<int:pk>/must-haves/", views.position_must_haves, name="must_haves"),
    path("positions/<int:pk>/cover/", views.position_cover, name="cover"),
    path("must-haves/<int:pk>/edit/", views.must_have_edit, name="must_have_edit"),
    path("must-haves/<int:pk>/remove/", views.must_have_remove, name="must_have_remove"),
    path("<int:pk>/successor/", views.nominate_successor, name="nominate_successor"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
    path("nominations/<int:pk>/readiness/", views.readiness, name="readiness"),
    path("nominations/<int:pk>/confirm/", views.readiness_confirm, name="confirm"),
    path("nominations/<int:pk>/withdraw/", views.nomination_withdraw, name="withdraw"),
    path("fills/<int:pk>/outcome/", views.fill_outcome, name="fill_outcome"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("targets/", views.targets_index, name="targets"),
    path("targets/level/<int:level>/", views.targets_level, name="targets_level"),
]
