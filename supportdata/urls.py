from django.urls import path

from . import views

app_name = "supportdata"

urlpatterns = [
    path("candidates/<int:pk>/support/", views.record, name="record"),
    path("support-data/", views.sources, name="sources"),
    path("support-data/<str:source>/sync/", views.sync_now, name="sync_now"),
    path("support-data/aliases/", views.alias_add, name="alias_add"),
    path("support-data/speaks-to/<str:group>/", views.mapping_set, name="mapping_set"),
]
