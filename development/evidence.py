"""The kinds of readiness evidence development experiences give (``succession.evidence``)."""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse

from succession.evidence import EvidenceRow, evidence_kind, number, short, text

from .models import Conference, JobShadowing, Rotation, StretchAssignment, TaskForce

ROTATION_ROLES = dict(Rotation.Role.choices)
STRETCH_OUTCOMES = dict(StretchAssignment.Outcome.choices)
TASK_FORCE_STATES = dict(TaskForce.Status.choices)
VERDICTS = {1: "objectives met", 0: "objectives not met"}


def _rotation(row: EvidenceRow) -> tuple[str, str]:
    verdict = VERDICTS.get(row.number, "assessed")
    return (
        f"{ROTATION_ROLES.get(row.title, row.title)} in {row.detail}: {verdict}",
        reverse("development:rotation_detail", args=[row.item_id]),
    )


@evidence_kind(
    "rotation",
    label="Rotation assessed",
    describe=_rotation,
    facets={"met": "Rotation assessed with its objectives met"},
    facets_of=lambda row: frozenset({"met"}) if row.number == 1 else frozenset(),
)
def rotations_assessed(candidate):
    met = Case(
        When(objectives_met=True, then=Value(1)),
        When(objectives_met=False, then=Value(0)),
        default=Value(None),
        output_field=IntegerField(),
    )
    rotations = Rotation.objects.filter(person_id=candidate.person_id, assessed_on__isnull=False)
    return rotations, {
        "ev_on": F("assessed_on"),
        "ev_title": text("role"),
        "ev_detail": text("host_department__name"),
        "ev_number": met,
    }


def _stretch(row: EvidenceRow) -> tuple[str, str]:
    return (
        f"{row.title}: {STRETCH_OUTCOMES.get(row.detail, row.detail).lower()}",
        reverse("development:stretch_detail", args=[row.item_id]),
    )


@evidence_kind(
    "stretch",
    label="Stretch assignment outcome",
    describe=_stretch,
    facets={"succeeded": "Stretch assignment that succeeded"},
    facets_of=lambda row: frozenset({row.detail}) & {"succeeded"},
)
def stretch_outcomes(candidate):
    outcomes = StretchAssignment.objects.filter(
        candidate=candidate, cancelled_on__isnull=True, ends_on__isnull=False
    ).exclude(outcome=StretchAssignment.Outcome.PENDING)
    return outcomes, {
        "ev_on": F("ends_on"),
        "ev_title": text("title"),
        "ev_detail": text("outcome"),
    }


def _trip_report(row: EvidenceRow) -> tuple[str, str]:
    return (
        f"Trip report on {row.title}, reviewed",
        reverse("development:conference_detail", args=[row.item_id]),
    )


@evidence_kind("trip_report", label="Trip report reviewed", describe=_trip_report)
def trip_reports_reviewed(candidate):
    reviewed = Conference.objects.filter(candidate=candidate, reviewed_at__isnull=False)
    return reviewed, {"ev_on": TruncDate("reviewed_at"), "ev_title": text("name")}


def _task_force(row: EvidenceRow) -> tuple[str, str]:
    state = TASK_FORCE_STATES.get(row.title, row.title).lower()
    return (
        f"Task force ({state}): {short(row.detail)}",
        reverse("development:conference_detail", args=[row.ref]),
    )


@evidence_kind("task_force", label="Task force run", describe=_task_force)
def task_forces_run(candidate):
    return TaskForce.objects.filter(owner=candidate), {
        "ev_on": Coalesce("implemented_on", "launched_on"),
        "ev_title": text("status"),
        "ev_detail": text("idea"),
        "ev_ref": number("conference_id"),
    }


def _shadowing(row: EvidenceRow) -> tuple[str, str]:
    return (
        f"Shadowed {row.title} ({row.detail}), reflection written",
        reverse("development:shadowing_detail", args=[row.item_id]),
    )


@evidence_kind("shadowing", label="Job shadowing reflected on", describe=_shadowing)
def shadowings_reflected(candidate):
    reflected = JobShadowing.objects.filter(
        candidate=candidate, reflected_on__isnull=False, cancelled_on__isnull=True
    )
    return reflected, {
        "ev_on": F("reflected_on"),
        "ev_title": text("shadowed__full_name"),
        "ev_detail": text("shadowed__title"),
    }
