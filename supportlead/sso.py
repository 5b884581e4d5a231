"""Company sign-in over OpenID Connect, with mozilla-django-oidc doing the protocol
(authorisation-code flow with PKCE, state and nonce) and this module the rules:

- the provider's endpoints come from its discovery document (``OIDC_ISSUER``), read
  once and kept for an hour;
- an ID token is accepted only from that issuer, for this client (``aud``, and ``azp``
  when there are several audiences) and unexpired, on top of the library's signature
  and nonce checks (it checks neither issuer nor audience: mozilla-django-oidc#340);
- a person signs in as their entry in the people directory, matched by e-mail
  (``OIDC_EMAIL_CLAIM``), case-insensitively; an unknown or inactive e-mail gets a page
  that says so, never an account;
- the optional ``OIDC_HR_GROUP`` in ``OIDC_GROUPS_CLAIM`` grants view_all_talent, and
  its absence takes that grant (given by sign-in) away again.
"""

from __future__ import annotations

import logging
import threading
import time

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404
from django.shortcuts import resolve_url
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from candidates.models import Person

log = logging.getLogger(__name__)

# The group sign-in manages: people whose token carries OIDC_HR_GROUP are in it.
SSO_HR_GROUP = "HR (from company sign-in)"

DISCOVERY_SECONDS = 3600
_discovered: dict[str, tuple[float, dict]] = {}
_lock = threading.Lock()

ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}


def discovery() -> dict:
    """The issuer's ``/.well-known/openid-configuration``, cached for an hour."""
    issuer = settings.OIDC_ISSUER
    with _lock:
        found = _discovered.get(issuer)
        if found and time.monotonic() - found[0] < DISCOVERY_SECONDS:
            return found[1]
    response = requests.get(
        f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
    )
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer:
        raise SuspiciousOperation(f"The discovery document of {issuer} names another issuer.")
    with _lock:
        _discovered[issuer] = (time.monotonic(), document)
    return document


def oidc_setting(attr, *args):
    """Settings as mozilla-django-oidc reads them, the endpoints from discovery."""
    if attr in ENDPOINTS:
        return discovery().get(ENDPOINTS[attr], *args)
    if args:
        return getattr(settings, attr, args[0])
    return getattr(settings, attr)


def _sso_required():
    if not settings.SSO_ENABLED:
        raise Http404("Company sign-in is not configured.")


class SignIn(oidc_views.OIDCAuthenticationRequestView):
    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        _sso_required()
        super().__init__(*args, **kwargs)


class Callback(oidc_views.OIDCAuthenticationCallbackView):
    get_settings = staticmethod(oidc_setting)

    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)

    def get(self, request):
        _sso_required()
        request.session.pop("sso_failure", None)
        try:
            return super().get(request)
        except SuspiciousOperation as error:  # a token or state that does not check out
            log.warning("Company sign-in refused: %s", error)
            reason = "invalid"
        except requests.RequestException as error:
            log.error("Company sign-in: the provider did not answer: %s", error)
            reason = "unreachable"
        request.session["sso_failure"] = {"reason": reason, "who": ""}
        return self.login_failure()


def provider_logout_url(request) -> str | None:
    """Where to send a browser after the app's own logout so the provider's session
    ends too (RP-initiated logout), or None when there is nothing to end."""
    id_token = request.session.get("oidc_id_token")
    if not (settings.SSO_ENABLED and id_token):
        return None
    end_session = oidc_setting("OIDC_OP_LOGOUT_ENDPOINT", None)
    if not end_session:
        return None
    return (
        requests.Request(
            "GET",
            end_session,
            params={
                "id_token_hint": id_token,
                "client_id": settings.OIDC_RP_CLIENT_ID,
                "post_logout_redirect_uri": request.build_absolute_uri(
                    resolve_url(settings.LOGOUT_REDIRECT_URL)
                ),
            },
        )
        .prepare()
        .url
    )


class DirectoryOIDCBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        # The library reads its settings when built; built only when sign-in is on.
        if settings.SSO_ENABLED:
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not settings.SSO_ENABLED or request is None:
            return None
        return super().authenticate(request, **kwargs)

    # --- the token ---------------------------------------------------------------------

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)  # signature (JWKS), nonce
        return self.verify_id_token_claims(payload)

    def verify_id_token_claims(self, payload: dict) -> dict:
        issuer = settings.OIDC_ISSUER
        if str(payload.get("iss", "")).rstrip("/") != issuer:
            raise SuspiciousOperation(f"ID token from another issuer: {payload.get('iss')!r}.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        client_id = settings.OIDC_RP_CLIENT_ID
        if client_id not in audiences:
            raise SuspiciousOperation(f"ID token for another client: {audience!r}.")
        if len(audiences) > 1 and payload.get("azp") != client_id:
            raise SuspiciousOperation("ID token for several clients, not authorised for this one.")
        if not isinstance(payload.get("exp"), int | float) or payload["exp"] < time.time():
            raise SuspiciousOperation("ID token expired.")
        return payload

    # --- the person --------------------------------------------------------------------

    def _email(self, claims: dict) -> str:
        return str(claims.get(settings.OIDC_EMAIL_CLAIM) or "").strip().lower()

    def verify_claims(self, claims) -> bool:
        return bool(self._email(claims))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.none()  # matching is get_or_create_user's, below

    @transaction.atomic
    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        email = self._email(claims)
        if not email:
            self._fail("no_email", claims.get("sub", ""))
            raise SuspiciousOperation("No e-mail claim.")
        person = (
            Person.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(email__iexact=email, is_active=True)
            .first()
        )
        if person is None:
            self._fail("unknown", email)
            log.warning(
                "Company sign-in refused: %s is not an active person of the directory.", email
            )
            return None
        user = person.user
        if user is None:
            user = self._user_for(person)
        if not user.is_active:
            self._fail("inactive", email)
            return None
        self._hr_sync(user, claims)
        return user

    def _user_for(self, person: Person):
        username = person.email
        user = self.UserModel.objects.filter(username__iexact=username).first()
        if user is None:
            user = self.UserModel(username=username, email=person.email)
            user.set_unusable_password()
        user.first_name, _, user.last_name = person.full_name.partition(" ")
        user.save()
        Person.objects.filter(pk=person.pk).update(user=user)
        return user

    def _hr_sync(self, user, claims: dict) -> None:
        if not settings.OIDC_HR_GROUP:
            return
        groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
        if isinstance(groups, str):
            groups = groups.split()
        group, made = Group.objects.get_or_create(name=SSO_HR_GROUP)
        if made:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="candidates", codename="view_all_talent"
                )
            )
        if settings.OIDC_HR_GROUP in groups:
            user.groups.add(group)
        else:
            user.groups.remove(group)

    def _fail(self, reason: str, who: str) -> None:
        self.request.session["sso_failure"] = {"reason": reason, "who": who}

    def store_tokens(self, access_token, id_token):
        self.request.session["oidc_id_token"] = id_token  # for the provider's logout
