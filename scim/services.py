"""SCIM tokens (created by HR, shown once, revoked) and the directory changes an identity
provider asks for, made through the talent base's own services."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from candidates.models import Department, Level, Person
from candidates.services import login_for, person_leave, person_return, person_save
from common.actor import Actor

from .models import ScimToken, ScimUser, token_hash

# The login every SCIM request runs as: it has no password and no person, so it can do
# nothing anywhere else; its requests are told apart in the logs by its name.
SERVICE_USERNAME = "scim-provisioning"
LEFT_REASON = "Deactivated by the identity provider (SCIM)"
UNASSIGNED = "Unassigned"  # the department of someone the identity provider gave none


def scim_enabled() -> bool:
    return ScimToken.objects.filter(revoked_at__isnull=True).exists()


def service_user():
    user, _ = get_user_model().objects.get_or_create(
        username=SERVICE_USERNAME, defaults={"password": make_password(None), "is_active": True}
    )
    return user


@transaction.atomic
def token_create(*, actor: Actor, name: str) -> tuple[ScimToken, str]:
    """A new token for ``name``; returns it and its secret, which is never shown again."""
    secret = "scim_" + secrets.token_urlsafe(32)
    token = ScimToken.objects.create(
        name=name.strip(),
        token_hash=token_hash(secret),
        prefix=secret[:12],
        created_by=actor.person,
    )
    service_user()
    return token, secret


@transaction.atomic
def token_revoke(*, actor: Actor, token: ScimToken) -> ScimToken:
    token = ScimToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor.person
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_for(secret: str) -> ScimToken | None:
    """The active token of ``secret``, its use noted (at most once a minute)."""
    token = ScimToken.objects.filter(token_hash=token_hash(secret), revoked_at__isnull=True).first()
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ScimToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


# --- The directory, as the identity provider changes it ---------------------------------


def department_named(name: str) -> Department:
    department = Department.objects.filter(name__iexact=name.strip()).first()
    return department or Department.objects.create(name=name.strip()[:120])


@transaction.atomic
def person_provision(*, person: Person, active: bool | None, user_name: str) -> Person:
    """Save what the identity provider sent, then follow its "active": a deactivation is
    the same leave as the import's (their pairings, nominations and agreement end); a
    reactivation brings the login back."""
    new = person.pk is None
    if new and not person.level:
        person.level = Level.ENGINEER
    if new and person.department_id is None:
        person.department = department_named(UNASSIGNED)
    if not person.title:
        person.title = "—"
    if not person.full_name:  # a client that sends no name: its userName until it does
        person.full_name = (user_name or person.email)[:160]
    person_save(person=person)
    if new and person.user_id is None:
        person.user = login_for(person, (user_name or person.email).split("@")[0])
        person.save(update_fields=["user"])
    if active is False and person.is_active:
        person_leave(person=person, reason=LEFT_REASON)
    elif active is True and not person.is_active:
        person_return(person=person)
    person.refresh_from_db()
    return person


def people_to_complete(limit: int = 200):
    """Active people the identity provider created with placeholders, by name."""
    return (
        ScimUser.objects.filter(deleted_at__isnull=True, person__is_active=True)
        .exclude(to_complete=[])
        .select_related("person__department")
        .order_by("person__full_name")[:limit]
    )


def person_checked(*, actor: Actor, shadow: ScimUser) -> ScimUser:
    shadow.to_complete = []
    shadow.save(update_fields=["to_complete"])
    return shadow
