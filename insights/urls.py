from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.log, name="log"),
    path("new/", views.insight_new, name="new"),
    path("<int:pk>/", views.insight_detail, name="detail"),
    path("<int:pk>/edit/", views.insight_edit, name="edit"),
    path("<int:pk>/withdraw/", views.insight_withdraw, name="withdraw"),
    path("areas/", views.areas, name="areas"),
    path("areas/<int:pk>/", views.area_edit, name="area_edit"),
]
