"""Bearer tokens for /scim/v2/: the identity provider's requests run as the provisioning
login, which has no password and no person; without a valid token, 401; while HR has
created no token, SCIM is off and every path under it is not found."""

import json

from django.http import HttpResponse

from .services import scim_enabled, service_user, token_for

PREFIX = "/scim/v2/"
SCIM_JSON = "application/scim+json"


def _error(status: int, detail: str) -> HttpResponse:
    body = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
        "status": str(status),
        "detail": detail,
    }
    response = HttpResponse(json.dumps(body), status=status, content_type=SCIM_JSON)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="supportlead SCIM"'
    return response


class ScimBearerAuth:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if not scim_enabled():
            return _error(404, "SCIM is off: HR creates a token to turn it on.")
        scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
        token = token_for(secret.strip()) if scheme.lower() == "bearer" and secret else None
        if token is None:
            return _error(401, "A valid bearer token is required.")
        request.user = service_user()
        request.scim_token = token
        return self.get_response(request)
