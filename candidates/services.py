"""Writes for the people directory and the talent pool."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Candidate, CandidateEvent, Person


@transaction.atomic
def person_set_manager(*, person: Person, manager: Person | None) -> Person:
    """Move ``person`` (and everyone under them) below ``manager``."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if manager is not None:
        manager = Person.objects.get(pk=manager.pk)
        if manager.pk == person.pk or (
            person.reporting_path and manager.reporting_path.startswith(person.reporting_path)
        ):
            raise ValidationError(
                {"manager": "A person cannot report to themselves or to someone in their own team."}
            )
    person.manager = manager
    person.save()  # save() keeps the reporting paths of the person and their team
    return person


def reporting_paths_rebuild() -> int:
    """Recompute every reporting path from the manager links (after an import)."""
    managers = dict(Person.objects.values_list("pk", "manager_id"))
    paths: dict[int, str] = {}

    def path_of(pk: int, seen: frozenset = frozenset()) -> str:
        if pk in paths:
            return paths[pk]
        manager_id = managers.get(pk)
        if manager_id is None or manager_id in seen:
            paths[pk] = f"/{pk}/"
        else:
            paths[pk] = f"{path_of(manager_id, seen | {pk})}{pk}/"
        return paths[pk]

    people = list(Person.objects.only("pk", "reporting_path"))
    for person in people:
        person.reporting_path = path_of(person.pk)
    Person.objects.bulk_update(people, ["reporting_path"], batch_size=1000)
    return len(people)


def candidate_event_record(
    *,
    candidate: Candidate,
    kind: str,
    summary: str,
    actor: Person | None = None,
    confidential: bool = False,
    detail: str = "",
    url: str = "",
    occurred_at: dt.datetime | None = None,
) -> CandidateEvent:
    """Add one line to the candidate's timeline (called by the service that did the thing)."""
    return CandidateEvent.objects.create(
        candidate=candidate,
        kind=kind,
        summary=summary[:300],
        actor=actor,
        confidential=confidential,
        detail=detail,
        url=url,
        occurred_at=occurred_at or timezone.now(),
    )
