import json

from django.http import HttpResponse
from django_scim import constants, exceptions
from django_scim import views as scim_views
from django_scim.utils import get_user_adapter

from candidates.models import Person

from .schemas import SCHEMAS


def _people_read(queryset):
    return queryset.select_related("department", "manager")


class UsersView(scim_views.UsersView):
    """django-scim2's Users endpoint, people looked up by their numeric id (any other id
    is simply not found), read with their department and manager in the same query."""

    def get_object(self):
        uuid = self.kwargs.get(self.lookup_url_kwarg) or ""
        if not uuid.isdigit():
            raise exceptions.NotFoundError(uuid)
        return super().get_object()


class UserSearchView(scim_views.UserSearchView):
    """POST …/.search (RFC 7644, 3.4.3): the body's filter, attributes and paging; with
    no filter, every user."""

    def post(self, request, *args, **kwargs):
        body = self.load_body(request.body)
        if body.get("schemas") != [constants.SchemaURI.SERACH_REQUEST]:
            raise exceptions.BadRequestError("Invalid schema uri. Must be SearchRequest.")
        request.scim_projection = {
            "attributes": ",".join(body.get("attributes") or []),
            "excludedAttributes": ",".join(body.get("excludedAttributes") or []),
        }
        start, count = int(body.get("startIndex") or 1), int(body.get("count") or 50)
        if start < 1 or count < 0:
            raise exceptions.BadRequestError("Invalid startIndex or count.")
        query = body.get("filter")
        if query:
            return self._search(request, query, start, count)
        queryset = Person.objects.filter(scim__deleted_at__isnull=True).select_related(
            "department", "manager", "scim"
        )
        queryset = queryset.order_by("pk")
        return self._build_response(request, queryset, start, count)


def _listed(documents: dict, uuid: str | None) -> HttpResponse:
    """One document by id (a SCIM error when there is none), or all as a ListResponse."""
    if uuid:
        document = documents.get(uuid)
        if document is None:
            raise exceptions.NotFoundError(uuid)
    else:
        resources = sorted(documents.values(), key=lambda d: d["id"])
        document = {
            "schemas": [constants.SchemaURI.LIST_RESPONSE],
            "totalResults": len(resources),
            "itemsPerPage": len(resources),
            "startIndex": 1,
            "Resources": resources,
        }
    return HttpResponse(json.dumps(document), content_type=constants.SCIM_CONTENT_TYPE)


class ResourceTypesView(scim_views.ResourceTypesView):
    """The one resource type: User, with the enterprise extension."""

    def get(self, request, uuid=None, *args, **kwargs):
        user = get_user_adapter().resource_type_dict(request)
        return _listed({user["id"]: user}, uuid)


class SchemasView(scim_views.SchemasView):
    schemas_by_uri = {schema["id"]: schema for schema in SCHEMAS}

    def get(self, request, uuid=None, *args, **kwargs):
        return _listed(self.schemas_by_uri, uuid)


def not_found(request, *args, **kwargs):
    body = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
        "status": "404",
        "detail": f"No SCIM resource at {request.path}.",
    }
    return HttpResponse(json.dumps(body), status=404, content_type=constants.SCIM_CONTENT_TYPE)
