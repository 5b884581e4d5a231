"""Who may see and do what on a development experience.

The person it is about (the subject), the host sponsor of a rotation, managers in the
subject's line, and the subject's current mentor (read only) see it; everyone else gets
404. Views and templates read ``ExperiencePermissions``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.http import Http404

from candidates.access import in_line_q, manages_person, person_for, viewer_for
from candidates.models import Candidate, Person
from mentorship.access import Relation, candidate_relation

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


def rotations_visible_to(user) -> QuerySet[Rotation]:
    """Rotations of the people in the user's line (all of them for view_all_talent)."""
    return Rotation.objects.filter(in_line_q(viewer_for(user), "person__"))


def _permissions(user, *, subject: Person, host_id: int | None = None) -> ExperiencePermissions:
    person = person_for(user)
    is_subject = person is not None and subject.pk == person.pk
    candidate = Candidate.objects.filter(person=subject).select_related("person").first()
    relation = candidate_relation(user, candidate) if candidate and not is_subject else None
    return ExperiencePermissions(
        is_subject=is_subject,
        is_host=person is not None and host_id == person.pk,
        is_manager=manages_person(user, subject),
        is_mentor=relation == Relation.MENTOR,
    )


def experience_get_for_user(
    model: type[Model], *, user, pk: int, related: tuple[str, ...] = ()
) -> tuple[Model, ExperiencePermissions]:
    """One experience and what the user may do with it, or 404."""
    item = model.objects.select_related(*related).filter(pk=pk).first()
    if item is None:
        raise Http404("Not found.")
    if isinstance(item, Rotation):
        permissions = _permissions(user, subject=item.person, host_id=item.host_sponsor_id)
    else:
        candidate = item.owner if isinstance(item, TaskForce) else item.candidate
        permissions = _permissions(user, subject=candidate.person)
    if not permissions.can_see:
        raise Http404("Not found.")
    return item, permissions
