"""Reads for development experiences: the overview and exposure matrix, /me/, profile."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, QuerySet
from django.utils import timezone

from candidates.access import candidates_managed_by
from candidates.models import Candidate, DepartmentKind
from candidates.selectors import SubqueryCount

from .access import rotations_visible_to
from .models import (
    BenchmarkVisit,
    Conference,
    Rotation,
    RotationCompetencyScore,
    StretchAssignment,
    Training,
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
    rotations = rotations_visible_to(user).select_related(
        "person", "host_department", "host_sponsor"
    )
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


def me_context(*, candidate: Candidate) -> dict:
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


def profile_context(*, candidate: Candidate) -> dict:
    return {"profile_experiences": _experiences(candidate)}


def host_competency_scores(*, candidate: Candidate) -> list[dict]:
    """The competency scores that rotation hosts gave the candidate when they assessed a
    rotation: a second source next to the managers' ratings, newest first."""
    return list(
        RotationCompetencyScore.objects.filter(
            rotation__person=candidate.person_id, rotation__assessed_on__isnull=False
        )
        .order_by("-rotation__assessed_on", "competency__order")
        .values(
            "competency_id",
            "competency__name",
            "competency__order",
            "score",
            "rotation__assessed_on",
            "rotation__host_department__name",
            "rotation__assessed_by__full_name",
        )
    )
