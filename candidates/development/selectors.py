"""Reads for development experiences: the overview and exposure matrix, /me/, profile."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from candidates.models import (
    BenchmarkVisit,
    Candidate,
    Conference,
    DepartmentKind,
    Rotation,
    StretchAssignment,
    TaskForce,
    Training,
)
from candidates.selectors import SubqueryCount
from supportlead.access import (
    CandidateAccess,
    candidate_access,
    candidates_managed_by,
    people_managed_by,
    person_for,
    roles_for,
)

ROTATION_DEPARTMENTS = [k for k in DepartmentKind if k != DepartmentKind.SUPPORT]
EXPOSURE_KINDS = [
    ("n_conferences", "Conferences"),
    ("n_benchmarks", "Benchmark visits"),
    ("n_trainings", "Training"),
    ("n_stretches", "Stretch assignments"),
]


def _count(queryset) -> SubqueryCount:
    return SubqueryCount(queryset.order_by().values("pk"))


def exposure_matrix(*, user) -> QuerySet[Candidate]:
    """Candidates × (rotations per host department kind, and each kind of exposure)."""
    annotations = {
        f"rot_{kind.value}": _count(
            Rotation.objects.filter(
                person=OuterRef("person"), host_department__kind=kind.value
            ).exclude(status=Rotation.Status.CANCELLED)
        )
        for kind in ROTATION_DEPARTMENTS
    }
    annotations |= {
        "n_conferences": _count(Conference.objects.filter(candidate=OuterRef("pk"))),
        "n_benchmarks": _count(BenchmarkVisit.objects.filter(candidate=OuterRef("pk"))),
        "n_trainings": _count(Training.objects.filter(candidate=OuterRef("pk"))),
        "n_stretches": _count(StretchAssignment.objects.filter(candidate=OuterRef("pk"))),
    }
    return (
        candidates_managed_by(user)
        .filter(status="active")
        .select_related("person__department")
        .annotate(**annotations)
        .order_by("person__full_name")
    )


def overview(*, user, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    people = people_managed_by(user)
    if roles_for(user).view_all:
        rotations = Rotation.objects.all()
    else:
        rotations = Rotation.objects.filter(person__in=people.values("pk"))
    rotations = rotations.select_related("person", "host_department", "host_sponsor")
    managed = candidates_managed_by(user).values("pk")
    return {
        "running": rotations.filter(status=Rotation.Status.RUNNING, starts_on__lte=today).order_by(
            "ends_on"
        )[:20],
        "upcoming": rotations.filter(starts_on__gt=today)
        .exclude(status=Rotation.Status.CANCELLED)
        .order_by("starts_on")[:20],
        "overdue_reports": Conference.objects.filter(
            candidate__in=managed, report_submitted_at__isnull=True, trip_report_due_on__lt=today
        )
        .select_related("candidate__person")
        .order_by("trip_report_due_on")[:20],
        "unassessed": rotations.filter(assessed_on__isnull=True, ends_on__lt=today)
        .exclude(status=Rotation.Status.CANCELLED)
        .order_by("ends_on")[:20],
    }


# --- Access to one experience ---------------------------------------------------------


def rotation_roles(*, user, rotation: Rotation) -> set[str]:
    person = person_for(user)
    roles: set[str] = set()
    if person is not None:
        if rotation.person_id == person.pk:
            roles.add("subject")
        if rotation.host_sponsor_id == person.pk:
            roles.add("host")
    if roles_for(user).view_all or people_managed_by(user).filter(pk=rotation.person_id).exists():
        roles.add("manager")
    candidate = Candidate.objects.filter(person_id=rotation.person_id).first()
    if candidate and candidate_access(user, candidate) == CandidateAccess.MENTOR:
        roles.add("mentor")
    return roles


def candidate_item_roles(*, user, candidate: Candidate) -> set[str]:
    access = candidate_access(user, candidate)
    return {
        CandidateAccess.MANAGER: {"manager"},
        CandidateAccess.MENTOR: {"mentor"},
        CandidateAccess.SELF: {"subject"},
    }.get(access, set())


def get_for_user(model, *, user, pk: int, related=()):
    """One experience and the user's roles on it, or 404."""
    obj = model.objects.select_related(*related).filter(pk=pk).first()
    if obj is None:
        raise Http404("Not found.")
    if isinstance(obj, Rotation):
        roles = rotation_roles(user=user, rotation=obj)
    else:
        candidate = obj.owner if isinstance(obj, TaskForce) else obj.candidate
        roles = candidate_item_roles(user=user, candidate=candidate)
    if not roles:
        raise Http404("Not found.")
    return obj, roles


# --- /me/ and the profile -------------------------------------------------------------


def _experiences(candidate: Candidate) -> dict:
    return {
        "rotations": Rotation.objects.filter(person=candidate.person).select_related(
            "host_department", "host_sponsor"
        ),
        "conferences": Conference.objects.filter(candidate=candidate).prefetch_related(
            "task_forces"
        ),
        "benchmarks": BenchmarkVisit.objects.filter(candidate=candidate),
        "trainings": Training.objects.filter(candidate=candidate).select_related("commitment"),
        "stretches": StretchAssignment.objects.filter(candidate=candidate).select_related(
            "safety_net"
        ),
    }


def me_context(*, candidate: Candidate, user) -> dict:
    """The candidate's experiences, and what they must write next, first."""
    today = timezone.localdate()
    experiences = _experiences(candidate)
    to_write = []
    for conference in experiences["conferences"]:
        if conference.report_submitted_at is None and conference.ends_on <= today + dt.timedelta(
            days=1
        ):
            to_write.append(
                (
                    "Trip report",
                    conference.name,
                    conference.trip_report_due_on,
                    f"/candidates/development/conferences/{conference.pk}/",
                    conference.trip_report_due_on < today,
                )
            )
    for visit in experiences["benchmarks"]:
        if not visit.questions and visit.visit_on >= today:
            to_write.append(
                (
                    "Questions for the benchmark visit",
                    visit.company,
                    visit.visit_on - dt.timedelta(days=7),
                    f"/candidates/development/benchmarks/{visit.pk}/",
                    visit.visit_on - dt.timedelta(days=7) < today,
                )
            )
        elif visit.visit_on < today and not visit.findings:
            to_write.append(
                (
                    "Findings of the benchmark visit",
                    visit.company,
                    visit.visit_on + dt.timedelta(days=14),
                    f"/candidates/development/benchmarks/{visit.pk}/",
                    False,
                )
            )
    for rotation in experiences["rotations"]:
        if rotation.ends_on <= today + dt.timedelta(days=14) and not rotation.reflection:
            to_write.append(
                (
                    "Rotation reflection",
                    str(rotation.host_department),
                    rotation.ends_on,
                    f"/candidates/development/rotations/{rotation.pk}/",
                    rotation.ends_on < today,
                )
            )
    to_write.sort(key=lambda item: item[2])
    return {"to_write": to_write, "experiences": experiences, "today": today}


def profile_context(*, candidate: Candidate, user) -> dict:
    return {"profile_experiences": _experiences(candidate)}
