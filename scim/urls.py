"""SCIM 2.0 (RFC 7644) on django-scim2's views: Users, ServiceProviderConfig,
ResourceTypes, Schemas. Groups, Bulk and /Me answer 501 (not implemented)."""

from django.urls import re_path
from django_scim import views as scim_views

from . import views

app_name = "scim"
not_implemented = scim_views.SCIMView.as_view(implemented=False)

urlpatterns = [
    re_path(r"^$", not_implemented, name="root"),
    re_path(r"^\.search$", views.UserSearchView.as_view(), name="search"),  # Users only
    re_path(r"^Users/\.search$", views.UserSearchView.as_view(), name="users-search"),
    re_path(r"^Users(?:/(?P<uuid>[^/]+))?$", views.UsersView.as_view(), name="users"),
    re_path(r"^Groups(?:/(?P<uuid>[^/]+))?$", not_implemented, name="groups"),
    re_path(r"^Me$", not_implemented, name="me"),
    re_path(r"^Bulk$", not_implemented, name="bulk"),
    re_path(
        r"^ServiceProviderConfig$",
        scim_views.ServiceProviderConfigView.as_view(),
        name="service-provider-config",
    ),
    re_path(
        r"^ResourceTypes(?:/(?P<uuid>[^/]+))?$",
        views.ResourceTypesView.as_view(),
        name="resource-types",
    ),
    re_path(r"^Schemas(?:/(?P<uuid>[^/]+))?$", views.SchemasView.as_view(), name="schemas"),
    re_path(r"^.+$", views.not_found, name="not-found"),  # a SCIM error, not a page
]
