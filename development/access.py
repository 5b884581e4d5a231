"""Who may see and do what on a development experience.

The person it is about (the subject), the host sponsor of a rotation, managers in the
subject's line, and the subject's current mentor (read only) see it; everyone else gets
404. Views and templates read ``ExperiencePermissions``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone

from audit import record as audit
from candidates.access import Relation, candidate_relation, in_line_q, manages_person
from candidates.models import Candidate, Person
from common.actor import Actor

from .models import Rotation, TaskForce


@dataclass(frozen=True)
class ExperiencePermissions:
    is_subject: bool
    is_host: bool
    is_manager: bool
    is_mentor: bool

    @property
    def can_see(self) -> bool:
        return self.is_subject or self.is_host or self.is_manager or self.is_mentor

    @property
    def can_edit(self) -> bool:
        """Outcomes, findings, the trip report's follow-up: the subject and their managers."""
        return self.is_subject or self.is_manager

    @property
    def can_assess(self) -> bool:
        return self.is_host

    @property
    def can_review(self) -> bool:
        return self.is_manager

    @property
    def can_cancel(self) -> bool:
        """The person's managers, and a rotation's host sponsor (who may call off what
        they offered to host)."""
        return self.is_manager or self.is_host


DECLINE_DAYS = 7


def rotation_decline_until(
    rotation: Rotation, permissions: ExperiencePermissions
) -> dt.date | None:
    """An inbound rotation (another team hosts someone of the actor's line): the
    person's manager may decline it until a week after it was proposed, by cancelling it
    with the reason. The last day, or None when the actor may not (or no longer) decline."""
    if (
        rotation.direction != Rotation.Direction.INBOUND
        or not permissions.is_manager
        or permissions.is_host
        or rotation.is_cancelled
    ):
        return None
    until = timezone.localtime(rotation.created_at).date() + dt.timedelta(days=DECLINE_DAYS)
    return until if timezone.localdate() <= until else None


def rotations_visible_to(actor: Actor) -> QuerySet[Rotation]:
    """Rotations of the people in the actor's line (all of them for view_all_talent)."""
    return Rotation.objects.filter(in_line_q(actor, "person__"))


def _permissions(
    actor: Actor, *, subject: Person, host_id: int | None = None
) -> ExperiencePermissions:
    person = actor.person
    is_subject = person is not None and subject.pk == person.pk
    candidate = Candidate.objects.filter(person=subject).select_related("person").first()
    relation = candidate_relation(actor, candidate) if candidate and not is_subject else None
    return ExperiencePermissions(
        is_subject=is_subject,
        is_host=person is not None and host_id == person.pk,
        is_manager=manages_person(actor, subject),
        is_mentor=relation == Relation.MENTOR,
    )


def experience_get_for_user(
    model: type[Model], *, actor: Actor, pk: int, related: tuple[str, ...] = ()
) -> tuple[Model, ExperiencePermissions]:
    """One experience and what the actor may do with it, or 404. A read by anyone but
    the person it is about (a host's scores, a manager's review) is recorded."""
    item = model.objects.select_related(*related).filter(pk=pk).first()
    if item is None:
        raise Http404("Not found.")
    if isinstance(item, Rotation):
        subject = item.person
        permissions = _permissions(actor, subject=subject, host_id=item.host_sponsor_id)
    else:
        subject = (item.owner if isinstance(item, TaskForce) else item.candidate).person
        permissions = _permissions(actor, subject=subject)
    if not permissions.can_see:
        raise Http404("Not found.")
    if not permissions.is_subject:
        audit.read(actor, audit.What.EXPERIENCE, person=subject, label=str(item))
    return item, permissions
