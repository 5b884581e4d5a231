"""The people directory: the one way a person is written (so their reporting path and
everyone's below stays true), and a departure."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.dispatch import Signal

from common.actor import SYSTEM, Actor

from ..models import Candidate, CandidateStatus, Person
from .pool import candidate_change_status


def reporting_path(*, manager_path: str, pk: int) -> str:
    """THE rule of a reporting path: the manager's path, then the person's own id
    ("/<root id>/…/<own id>/"); a person without a manager starts one."""
    return f"{manager_path or '/'}{pk}/"


def person_reporting_path_sync(person: Person) -> None:
    """Make the person's reporting path, and everyone's below them, follow their manager
    chain. Every writer of a person goes through ``person_save``, which calls this."""
    manager_path = ""
    if person.manager_id:
        manager_path = (
            Person.objects.filter(pk=person.manager_id)
            .values_list("reporting_path", flat=True)
            .first()
        ) or f"/{person.manager_id}/"
    expected = reporting_path(manager_path=manager_path, pk=person.pk)
    old = Person.objects.filter(pk=person.pk).values_list("reporting_path", flat=True).first()
    if old == expected:
        person.reporting_path = expected
        return
    Person.objects.filter(pk=person.pk).update(reporting_path=expected)
    if old:
        # Everyone below keeps their own tail and takes the new prefix.
        Person.objects.filter(reporting_path__startswith=old).exclude(pk=person.pk).update(
            reporting_path=Concat(Value(expected), Substr("reporting_path", len(old) + 1))
        )
    person.reporting_path = expected


@transaction.atomic
def person_save(*, person: Person) -> Person:
    """Create or update a person of the directory (admin, import, shell, tests): the one
    way in, so the reporting paths stay true however a row is written."""
    if person.manager_id is not None and person.pk is not None:
        _manager_validate(person=person, manager_id=person.manager_id)
    person.full_clean(exclude=["reporting_path", "user"])
    person.save()
    person_reporting_path_sync(person)
    return person


def _manager_validate(*, person: Person, manager_id: int) -> None:
    manager_path = Person.objects.filter(pk=manager_id).values_list("reporting_path", flat=True)
    path = Person.objects.filter(pk=person.pk).values_list("reporting_path", flat=True).first()
    if manager_id == person.pk or (path and (manager_path.first() or "").startswith(path)):
        raise ValidationError(
            {"manager": "A person cannot report to themselves or to someone in their own team."}
        )


@transaction.atomic
def person_set_manager(*, person: Person, manager: Person | None) -> Person:
    """Move ``person`` (and everyone under them) below ``manager``."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.manager = manager
    return person_save(person=person)


def reporting_paths_rebuild() -> int:
    """Recompute every reporting path from the manager links (after a bulk write, such
    as the demo org's or an import), in memory, then write only those that changed.
    Returns how many changed."""
    rows = list(Person.objects.values_list("pk", "manager_id", "reporting_path"))
    managers = {pk: manager_id for pk, manager_id, _ in rows}
    paths: dict[int, str] = {}

    def path_of(pk: int, seen: frozenset = frozenset()) -> str:
        if pk in paths:
            return paths[pk]
        manager_id = managers.get(pk)
        manager_path = (
            "" if manager_id is None or manager_id in seen else path_of(manager_id, seen | {pk})
        )
        paths[pk] = reporting_path(manager_path=manager_path, pk=pk)
        return paths[pk]

    changed = [
        Person(pk=pk, reporting_path=path_of(pk)) for pk, _, old in rows if path_of(pk) != old
    ]
    Person.objects.bulk_update(changed, ["reporting_path"], batch_size=2000)
    return len(changed)


# What a departure would end, said before it happens (the import's preview): each app
# above the talent base registers a function of person ids -> {person id: ["2 mentor
# pairings", ...]} in its AppConfig.ready, as it connects to ``person_left``.
DEPARTURE_EFFECTS: list = []


def departure_effect_register(describe) -> None:
    if describe not in DEPARTURE_EFFECTS:
        DEPARTURE_EFFECTS.append(describe)


def departure_effects(person_ids: list[int]) -> dict[int, list[str]]:
    """For each person, what leaving would end: their login, their candidacy, and what
    the apps above say (one query per app)."""
    effects: dict[int, list[str]] = {pk: [] for pk in person_ids}
    for pk, has_login in Person.objects.filter(pk__in=person_ids).values_list(
        "pk", "user__is_active"
    ):
        if has_login:
            effects[pk].append("their login")
    active = (CandidateStatus.EXITED, CandidateStatus.GRADUATED)
    for pk in (
        Candidate.objects.filter(person__in=person_ids)
        .exclude(status__in=active)
        .values_list("person_id", flat=True)
    ):
        effects[pk].append("their place in the succession pool")
    for describe in DEPARTURE_EFFECTS:
        for pk, said in describe(person_ids).items():
            effects.setdefault(pk, []).extend(said)
    return effects


# Someone left the company (the org import found them gone): apps above the talent base
# end what they own of theirs (mentorship ends their pairings) without being imported.
person_left = Signal()


@transaction.atomic
def person_leave(*, person: Person, reason: str, actor: Actor = SYSTEM) -> None:
    """Someone left: deactivated, not deleted (their history stays). Their login stops
    working, they leave the succession pool and, through ``person_left``, the apps above
    end what they own of theirs (their nominations, their pairings)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        return
    person.is_active = False
    person.save(update_fields=["is_active"])
    if person.user_id:
        get_user_model().objects.filter(pk=person.user_id).update(is_active=False)
    candidate = Candidate.objects.filter(person=person).first()
    if candidate is not None and candidate.status not in (
        CandidateStatus.EXITED,
        CandidateStatus.GRADUATED,
    ):
        candidate_change_status(
            actor=actor,
            candidate=candidate,
            status=CandidateStatus.EXITED,
            reason=reason,
        )
    person_left.send(sender=Person, person=person, reason=reason, actor=actor)


def login_for(person: Person, wanted: str = ""):
    """A login for someone new in the directory: the wanted name (or their e-mail's local
    part) when free, else their e-mail; no password (they sign in through the company's
    sign-in, or are sent a reset). A free login of that name not yet linked is reused."""
    User = get_user_model()
    for username in (wanted or person.email.split("@")[0], person.email):
        username = username[:150]
        existing = User.objects.filter(username=username).first()
        if existing is None:
            return User.objects.create(
                username=username, email=person.email, password=make_password(None)
            )
        if not Person.objects.filter(user=existing).exists():
            return existing
    raise ValidationError({"email": "No login name is free for this person: ask an admin."})


@transaction.atomic
def person_create(*, actor: Actor, **data) -> Person:
    """HR adds one person to the directory (with a login, no password)."""
    if Person.objects.filter(email__iexact=data.get("email", "")).exists():
        raise ValidationError({"email": "Someone in the directory already has this e-mail."})
    person = person_save(person=Person(**data))
    person.user = login_for(person)
    person.save(update_fields=["user"])
    return person


@transaction.atomic
def person_update(*, actor: Actor, person: Person, **data) -> Person:
    """HR edits one person; their line moves with their manager."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if (
        Person.objects.filter(email__iexact=data.get("email", person.email))
        .exclude(pk=person.pk)
        .exists()
    ):
        raise ValidationError({"email": "Someone in the directory already has this e-mail."})
    for name, value in data.items():
        setattr(person, name, value)
    return person_save(person=person)


@transaction.atomic
def person_return(*, person: Person) -> Person:
    """Someone who left is back (rehired, or deactivated by mistake at the identity
    provider): active again, their login works again. What ended when they left (their
    candidacy, pairings, nominations) stays ended: a manager starts it again."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.is_active:
        return person
    person.is_active = True
    person.save(update_fields=["is_active"])
    if person.user_id:
        get_user_model().objects.filter(pk=person.user_id).update(is_active=True)
    return person
