"""Reads of the programme: what the actor may apply to and has applied to, an intake's
board, a cohort's progress."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from agreements.models import LeadershipAgreement
from candidates.access import candidates_managed_by
from common.actor import Actor
from development.models import (
    BenchmarkVisit,
    Conference,
    JobShadowing,
    Rotation,
    StretchAssignment,
    Training,
)
from mentorship.access import MENTORING_STATUSES
from mentorship.models import MentorPairing
from succession.models import Readiness, SuccessorNomination

from .access import applications_to_endorse, intakes_run_by, may_apply
from .models import Application, Intake, PanelScore


def open_intakes_for(*, actor: Actor, today: dt.date) -> list[Intake]:
    """Open intakes the actor may apply to and has not (three queries: the actor's
    applications, the open intakes, their departments). Someone in the pool applies to
    nothing: they are in the programme already."""
    person = actor.person
    if person is None or actor.candidate:
        return []
    applied = set(Application.objects.filter(applicant=person).values_list("intake_id", flat=True))
    return [
        intake
        for intake in Intake.objects.filter(
            opens_on__lte=today, closes_on__gte=today
        ).prefetch_related("departments")
        if intake.pk not in applied
        and may_apply(
            intake,
            person,
            department_ids={d.pk for d in intake.departments.all()},
            in_pool=False,
        )
    ]


def my_applications(*, actor: Actor) -> QuerySet[Application]:
    """The actor's own applications, with whether each intake's outcome is out."""
    return (
        Application.objects.filter(applicant_id=actor.person_id or 0)
        .select_related("intake__cohort")
        .order_by("-submitted_at")
    )


def endorsements_waiting(*, actor: Actor) -> QuerySet[Application]:
    return (
        applications_to_endorse(actor)
        .filter(endorsement=Application.Endorsement.PENDING, decision=Application.Decision.PENDING)
        .select_related("intake", "applicant")
        .order_by("submitted_at")
    )


def intakes_overview(*, actor: Actor) -> QuerySet[Intake]:
    return (
        intakes_run_by(actor)
        .annotate(
            applied=Count("applications", distinct=True),
            accepted=Count(
                "applications",
                filter=Q(applications__decision=Application.Decision.ACCEPTED),
                distinct=True,
            ),
        )
        .select_related("cohort")
        .order_by("-opens_on", "-pk")
    )


def intake_board(*, intake: Intake, actor: Actor) -> QuerySet[Application]:
    """The intake's applications with the panel's scores (average, how many, the
    viewer's own), one query."""
    mine = PanelScore.objects.filter(application=OuterRef("pk"), member_id=actor.person_id or 0)
    return (
        intake.applications.select_related("applicant__department", "manager")
        .annotate(
            score_average=Avg("scores__score"),
            score_count=Count("scores"),
            my_score=Subquery(mine.values("score")[:1]),
        )
        .order_by("applicant__full_name", "pk")
    )


READINESS_RANK = Case(
    When(readiness=Readiness.READY_NOW, then=Value(0)),
    When(readiness=Readiness.ONE_TO_TWO_YEARS, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)

FIRST_EXPERIENCES = {
    "first_rotation": (Rotation, "person", "starts_on", Q(cancelled_on__isnull=True)),
    "first_conference": (Conference, "candidate", "starts_on", Q(cancelled_on__isnull=True)),
    "first_benchmark": (BenchmarkVisit, "candidate", "visit_on", Q(cancelled_on__isnull=True)),
    "first_training": (Training, "candidate", "starts_on", Q(cancelled_on__isnull=True)),
    "first_stretch": (StretchAssignment, "candidate", "starts_on", Q(cancelled_on__isnull=True)),
    "first_shadowing": (JobShadowing, "candidate", "starts_on", Q(cancelled_on__isnull=True)),
}


def cohort_members(*, cohort, actor: Actor) -> list[Application]:
    """Each member's way through the programme: agreement signed, mentor paired, first
    rotation or exposure since the cohort started, best readiness now, and whether the
    viewer may open their profile (the talent base's rule), in one query."""
    candidate = OuterRef("candidate")
    firsts = {}
    for name, (model, owner, field, condition) in FIRST_EXPERIENCES.items():
        ref = OuterRef("candidate__person") if owner == "person" else candidate
        firsts[name] = Subquery(
            model.objects.filter(condition, **{owner: ref, f"{field}__gte": cohort.starts_on})
            .order_by()
            .values(owner)
            .annotate(first=Min(field))
            .values("first")[:1]
        )
    members = list(
        cohort.intake.applications.filter(candidate__isnull=False)
        .select_related("applicant__department", "candidate")
        .annotate(
            profile_open=Exists(candidates_managed_by(actor).filter(pk=candidate)),
            agreement_signed=Exists(
                LeadershipAgreement.objects.filter(
                    candidate=candidate,
                    status__in=(
                        LeadershipAgreement.Status.ACTIVE,
                        LeadershipAgreement.Status.UNDER_REVIEW,
                    ),
                )
            ),
            mentor_name=Subquery(
                MentorPairing.objects.filter(candidate=candidate, status__in=MENTORING_STATUSES)
                .order_by("-starts_on")
                .values("mentor__full_name")[:1]
            ),
            readiness=Subquery(
                SuccessorNomination.objects.filter(candidate=candidate, is_active=True)
                .annotate(rank=READINESS_RANK)
                .order_by("rank")
                .values("readiness")[:1]
            ),
            **firsts,
        )
        .order_by("applicant__full_name", "pk")
    )
    names = dict(Readiness.choices)
    for member in members:
        dates = [getattr(member, name) for name in FIRST_EXPERIENCES if getattr(member, name)]
        member.first_experience_on = min(dates) if dates else None
        member.readiness_display = names.get(member.readiness, "")
    return members
