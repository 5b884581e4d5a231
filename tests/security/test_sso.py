"""Company sign-in against a real OpenID Connect provider process (tests/oidc): the
authorisation-code flow through its login form, the directory match by e-mail, the
group claim, the tokens it must refuse, LOCAL_LOGIN=0 and its break-glass account."""

import base64
import json
import secrets
from urllib.parse import urlencode

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse

from candidates.access import actor_for
from supportlead import sso
from tests import factories
from tests.oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    HR_GROUP,
    OTHER_CLIENT_ID,
    OTHER_CLIENT_SECRET,
    provider_running,
    query_of,
    sign_in_at_provider,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provider():
    with provider_running(
        app_urls=["http://testserver"], groups={"hr.partner@example.com": [HR_GROUP]}
    ) as running:
        yield running


@pytest.fixture
def sso_on(settings, provider):
    settings.OIDC_ISSUER = provider.issuer
    settings.SSO_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_HR_GROUP = HR_GROUP
    sso._discovered.clear()
    yield provider
    sso._discovered.clear()


def sign_in(client, email: str):
    """The whole flow as a browser would make it: our start page, the provider's login
    form, back to our callback."""
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    back = sign_in_at_provider(start["Location"], email)
    assert back.startswith("http://testserver/accounts/sso/callback/")
    return client.get(back.removeprefix("http://testserver"))


def test_a_person_of_the_directory_signs_in_by_e_mail(client, org, sso_on):
    response = sign_in(client, org.alice.email.upper())  # e-mail matched case-insensitively
    assert response.status_code == 302 and response["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == org.alice.user.pk
    assert client.get(reverse("front:pool")).status_code == 200


def test_a_person_without_a_login_yet_gets_one_linked_to_their_entry(client, org, sso_on):
    person = factories.PersonFactory(email="new.joiner@example.com", manager=org.alice, user=None)
    response = sign_in(client, "new.joiner@example.com")
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user is not None
    assert int(client.session["_auth_user_id"]) == person.user.pk
    assert not person.user.has_usable_password()


def test_an_unknown_e_mail_gets_a_clear_page_and_no_account(client, org, sso_on):
    users_before = get_user_model().objects.count()
    response = sign_in(client, "stranger@elsewhere.example")
    assert response.status_code == 302 and response["Location"] == reverse("sso_failed")
    page = client.get(response["Location"])
    assert page.status_code == 403
    assert "stranger@elsewhere.example" in page.content.decode()
    assert "is not in supportlead" in page.content.decode()
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users_before
    assert client.get(reverse("front:pool")).status_code == 302  # to the login page


def test_someone_who_left_cannot_sign_in(client, org, sso_on):
    org.bob.is_active = False
    org.bob.save(update_fields=["is_active"])
    response = sign_in(client, org.bob.email)
    assert response["Location"] == reverse("sso_failed")
    assert "_auth_user_id" not in client.session


def test_the_hr_group_claim_grants_view_all_talent(client, org, sso_on):
    hr = factories.PersonFactory(email="hr.partner@example.com", manager=None, user=None)
    sign_in(client, "hr.partner@example.com")
    hr.refresh_from_db()
    assert actor_for(get_user_model().objects.get(pk=hr.user.pk)).view_all_talent
    # bob's token carries no such group: he sees his own line only.
    client.logout()
    sign_in(client, org.bob.email)
    assert not actor_for(get_user_model().objects.get(pk=org.bob.user.pk)).view_all_talent


def token_for(
    provider,
    *,
    email,
    nonce,
    client_id=CLIENT_ID,
    client_secret=CLIENT_SECRET,
    redirect_uri="http://testserver/accounts/sso/callback/",
):
    """An ID token issued by the provider through the code flow for ``client_id`` (this
    app, unless another client is named)."""
    authorize = f"{provider.issuer}/auth?" + urlencode(
        {
            "client_id": client_id,
            "response_type": "code",
            "scope": "openid email profile",
            "redirect_uri": redirect_uri,
            "state": secrets.token_urlsafe(8),
            "nonce": nonce,
        }
    )
    code = query_of(sign_in_at_provider(authorize, email))["code"]
    tokens = requests.post(
        f"{provider.issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": client_id,
            "client_secret": client_secret,
        },
        timeout=10,
    )
    tokens.raise_for_status()
    return tokens.json()["id_token"]


def test_a_token_for_another_client_is_refused(org, sso_on):
    nonce = secrets.token_urlsafe(8)
    foreign = token_for(
        sso_on,
        client_id=OTHER_CLIENT_ID,
        client_secret=OTHER_CLIENT_SECRET,
        redirect_uri="http://127.0.0.1:9/callback",
        email=org.alice.email,
        nonce=nonce,
    )
    backend = sso.DirectoryOIDCBackend()
    with pytest.raises(SuspiciousOperation, match="another client"):
        backend.verify_token(foreign, nonce=nonce)


def test_a_tampered_token_is_refused_and_the_genuine_one_accepted(org, sso_on):
    nonce = secrets.token_urlsafe(8)
    genuine = token_for(sso_on, email=org.bob.email, nonce=nonce)
    backend = sso.DirectoryOIDCBackend()
    assert backend.verify_token(genuine, nonce=nonce)["sub"] == org.bob.email
    header, payload, signature = genuine.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = org.vp.email  # someone with more rights
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(f"{header}.{forged}.{signature}", nonce=nonce)
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(genuine, nonce="another nonce")


def test_without_oidc_settings_company_sign_in_is_not_there(client, org, settings):
    settings.SSO_ENABLED = False
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404
    assert b"Sign in with" not in client.get(reverse("login")).content


def test_local_passwords_off_leaves_only_the_break_glass_superuser(client, org, sso_on, settings):
    settings.LOCAL_LOGIN = False
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with company sign-in" in page and "Break-glass administrator login" in page
    refused = client.post(
        reverse("login"), {"username": org.alice.user.username, "password": factories.PASSWORD}
    )
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    factories.UserFactory(username="breakglass", is_staff=True, is_superuser=True)
    accepted = client.post(
        reverse("login"), {"username": "breakglass", "password": factories.PASSWORD}
    )
    assert accepted.status_code == 302


def test_logout_after_company_sign_in_ends_the_providers_session_too(client, org, sso_on):
    sign_in(client, org.alice.email)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{sso_on.issuer}/session/end?")
    params = query_of(response["Location"])
    assert params["post_logout_redirect_uri"] == "http://testserver/accounts/login/"
    assert params["id_token_hint"]
    assert "_auth_user_id" not in client.session
