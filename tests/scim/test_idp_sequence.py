"""An identity provider's sequence, as Okta and Entra ID play it: look the user up by
userName, create, change the manager, deactivate (the import's leave), reactivate. And
the door: off until HR creates a token, 401 without it, a revoked token refused."""

import json

import pytest
from django.urls import reverse

from agreements.models import LeadershipAgreement
from candidates.models import Person
from mentorship.models import MentorPairing
from scim.models import ScimToken
from scim.services import token_create
from tests.factories import actor_of

pytestmark = pytest.mark.django_db
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
SCIM = "application/scim+json"


@pytest.fixture
def token(org):
    return token_create(actor=actor_of(org.vp), name="Okta production")[1]


def call(client, method, path, token, body=None):
    response = getattr(client, method)(
        f"/scim/v2/{path}",
        data=json.dumps(body) if body is not None else None,
        content_type=SCIM,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    return response, (json.loads(response.content) if response.content else None)


def test_scim_is_off_until_a_token_exists_and_needs_a_valid_one(client, org):
    assert client.get("/scim/v2/Users").status_code == 404
    _, secret = token_create(actor=actor_of(org.vp), name="Entra ID")
    assert client.get("/scim/v2/Users").status_code == 401
    response, _ = call(client, "get", "Users", "scim_not-the-token")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    response, body = call(client, "get", "Users", secret)
    assert response.status_code == 200 and body["totalResults"] == Person.objects.count()
    stored = ScimToken.objects.get()
    assert secret not in (stored.token_hash, stored.prefix) and stored.last_used_at
    stored.revoked_at = stored.created_at
    stored.save()
    assert call(client, "get", "Users", secret)[0].status_code == 404  # no token left: off


def test_an_idp_creates_moves_deactivates_and_reactivates_a_person(client, org, token):
    # Okta first asks whether the user exists.
    response, body = call(client, "get", 'Users?filter=userName eq "rio.lane@example.com"', token)
    assert response.status_code == 200 and body["totalResults"] == 0

    response, created = call(
        client,
        "post",
        "Users",
        token,
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
            "userName": "rio.lane@example.com",
            "externalId": "00u1abcd",
            "name": {"givenName": "Rio", "familyName": "Lane"},
            "emails": [{"value": "rio.lane@example.com", "primary": True, "type": "work"}],
            "title": "Support engineer",
            "active": True,
            ENTERPRISE: {
                "department": "Technical Support",
                "manager": {"value": str(org.alice.pk)},
            },
        },
    )
    assert response.status_code == 201, created
    rio = Person.objects.get(email="rio.lane@example.com")
    assert (rio.full_name, rio.title, rio.manager, rio.external_id) == (
        "Rio Lane",
        "Support engineer",
        org.alice,
        "00u1abcd",
    )
    assert rio.reporting_path == f"{org.alice.reporting_path}{rio.pk}/"
    assert rio.user.username == "rio.lane" and not rio.user.has_usable_password()
    assert created["id"] == str(rio.pk)
    assert created[ENTERPRISE]["manager"]["value"] == str(org.alice.pk)
    assert response["Location"].endswith(f"/scim/v2/Users/{rio.pk}")
    # Found by the filter Entra ID uses.
    _, found = call(client, "get", 'Users?filter=externalId eq "00u1abcd"', token)
    assert [r["id"] for r in found["Resources"]] == [str(rio.pk)]

    # The manager changes (Entra ID's PATCH shape).
    response, body = call(
        client,
        "patch",
        f"Users/{rio.pk}",
        token,
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [
                {"op": "Replace", "path": f"{ENTERPRISE}:manager", "value": str(org.director.pk)},
                {"op": "Replace", "path": "title", "value": "Senior support engineer"},
            ],
        },
    )
    assert response.status_code == 200, body
    rio.refresh_from_db()
    assert (rio.manager, rio.title) == (org.director, "Senior support engineer")
    assert rio.reporting_path == f"{org.director.reporting_path}{rio.pk}/"

    # Deactivated (Okta's shape): the same leave as the import.
    response, body = call(
        client,
        "patch",
        f"Users/{rio.pk}",
        token,
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "value": {"active": False}}],
        },
    )
    assert response.status_code == 200 and body["active"] is False
    rio.refresh_from_db()
    assert not rio.is_active and not rio.user.is_active

    # Back (Entra ID sends the flag as a string).
    response, body = call(
        client,
        "patch",
        f"Users/{rio.pk}",
        token,
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "Replace", "path": "active", "value": "True"}],
        },
    )
    assert response.status_code == 200 and body["active"] is True
    rio.refresh_from_db()
    assert rio.is_active and rio.user.is_active


def test_a_deactivated_candidate_leaves_as_in_the_import(client, org, token):
    response, _ = call(client, "delete", f"Users/{org.cand_person.pk}", token)
    assert response.status_code == 204
    org.cand_person.refresh_from_db()
    assert not org.cand_person.is_active  # never deleted: the history stays
    assert MentorPairing.objects.get(pk=org.pairing.pk).status == "ended"
    assert LeadershipAgreement.objects.get(pk=org.agreement.pk).status == "closed"


def test_bad_input_is_a_scim_error_and_changes_nothing(client, org, token):
    before = Person.objects.count()
    response, body = call(client, "post", "Users", token, {"userName": "no-at-sign"})
    assert response.status_code == 400, body
    response, body = call(
        client,
        "post",
        "Users",
        token,
        {"userName": org.bob.email, "name": {"formatted": "Bob Again"}},
    )
    assert response.status_code == 409, body
    response, body = call(
        client,
        "patch",
        f"Users/{org.bob.pk}",
        token,
        {"Operations": [{"op": "replace", "path": f"{ENTERPRISE}:manager", "value": "999999"}]},
    )
    assert response.status_code == 400, body
    assert call(client, "get", "Users/not-a-number", token)[0].status_code == 404
    assert Person.objects.count() == before
    org.bob.refresh_from_db()
    assert org.bob.manager == org.alice


def test_hr_creates_and_revokes_tokens_and_nobody_else_sees_the_page(client, org):
    url = reverse("scim_provisioning")
    for who in ("alice", "mentor", "cand_person", "director"):
        client.force_login(getattr(org, who).user)
        assert client.get(url).status_code == 404
    client.force_login(org.vp.user)
    page = client.get(url).content.decode()
    assert "SCIM is <strong>off</strong>" in page
    page = client.post(url, {"name": "Okta production"}).content.decode()
    token = ScimToken.objects.get()
    assert "copy it now" in page and token.prefix in page and "SCIM is <strong>on</strong>" in page
    assert client.post(url, {"name": "  "}).status_code == 200
    assert ScimToken.objects.count() == 1  # nothing saved without a name
    client.post(reverse("scim_token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at and token.revoked_by == org.vp


def test_what_the_idp_left_out_is_listed_for_hr_until_completed(client, org, token):
    response, created = call(
        client,
        "post",
        "Users",
        token,
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName": "sam.bare@example.com",
            "name": {"givenName": "Sam", "familyName": "Bare"},
            "emails": [{"value": "sam.bare@example.com", "primary": True}],
            "active": True,
        },
    )
    assert response.status_code == 201, created
    sam = Person.objects.get(email="sam.bare@example.com")
    page_url = reverse("scim_provisioning")
    client.force_login(org.vp.user)
    page = client.get(page_url).content.decode()
    assert "To complete" in page
    assert "Sam Bare" in page
    assert "missing: department (Unassigned), level (Engineer assumed), job title" in page

    # The provider sends the department and title later: only the level is left.
    response, _ = call(
        client,
        "patch",
        f"Users/{sam.pk}",
        token,
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [
                {"op": "replace", "path": "title", "value": "Support engineer"},
                {"op": "replace", "path": f"{ENTERPRISE}:department", "value": "Technical Support"},
            ],
        },
    )
    assert response.status_code == 200
    page = client.get(page_url).content.decode()
    assert "missing: level (Engineer assumed)" in page

    # HR sets the level, marks them checked: off the list. Nobody else may.
    client.force_login(org.alice.user)
    checked = reverse("scim_person_checked", args=[sam.pk])
    assert client.post(checked).status_code == 404
    client.force_login(org.vp.user)
    client.post(checked)
    assert "To complete" not in client.get(page_url).content.decode()


def test_a_person_the_idp_sent_whole_is_not_listed(client, org, token):
    call(
        client,
        "post",
        "Users",
        token,
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
            "userName": "kit.full@example.com",
            "name": {"givenName": "Kit", "familyName": "Full"},
            "emails": [{"value": "kit.full@example.com", "primary": True}],
            "title": "Support engineer",
            ENTERPRISE: {"department": "Technical Support"},
        },
    )
    client.force_login(org.vp.user)
    page = client.get(reverse("scim_provisioning")).content.decode()
    assert "missing: level (Engineer assumed)" in page  # SCIM has no level
    assert "department (Unassigned)" not in page and "job title" not in page
