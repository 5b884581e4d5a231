"""Writes for development experiences: rotations, stretch assignments, conferences with
trip reports and task forces, benchmark visits, training."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from agreements.models import Commitment
from agreements.services import commitment_mark_done
from candidates.models import Candidate, CandidateEvent, Department, Person
from candidates.services import candidate_event_record
from common.actor import Actor
from common.services import model_update
from notifications.registry import Due
from notifications.tasks import notices_send

from ..models import (
    BenchmarkVisit,
    Cancellable,
    Conference,
    ExperienceIdea,
    JobShadowing,
    Rotation,
    RotationCompetencyScore,
    StretchAssignment,
    TaskForce,
    Training,
)

MAX_ROTATION_DAYS = 2 * 366


def _candidate_of(person: Person) -> Candidate | None:
    return Candidate.objects.filter(person=person).first()


def _event(
    candidate: Candidate | None, *, kind: str, summary: str, actor: Actor, detail: str = ""
) -> None:
    if candidate is not None:
        candidate_event_record(
            candidate=candidate, kind=kind, summary=summary, detail=detail, actor=actor
        )


def _rotation_dates_check(
    *,
    person: Person,
    starts_on: dt.date,
    ends_on: dt.date,
    project_deadline: dt.date | None,
    exclude_pk: int | None = None,
) -> None:
    """Dates in order, two years at the most, and never two rotations at once."""
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "A rotation ends after it starts."})
    if (ends_on - starts_on).days > MAX_ROTATION_DAYS:
        raise ValidationError(
            {"ends_on": "A rotation lasts two years at the most: check the end date."}
        )
    if project_deadline and project_deadline < starts_on:
        raise ValidationError(
            {
                "project_deadline": "The project deadline falls inside or after the rotation, not before it starts."
            }
        )
    overlapping = (
        Rotation.objects.filter(person=person, starts_on__lte=ends_on, ends_on__gte=starts_on)
        .exclude(status=Rotation.Status.CANCELLED)
        .exclude(pk=exclude_pk)
        .first()
    )
    if overlapping:
        raise ValidationError(
            {
                "starts_on": (
                    f"{person} is already in a rotation from {overlapping.starts_on:%d %b %Y} to "
                    f"{overlapping.ends_on:%d %b %Y} ({overlapping.host_department}); rotations "
                    "cannot overlap."
                )
            }
        )


@transaction.atomic
def rotation_assign(
    *,
    actor: Actor,
    person: Person,
    direction: str,
    role: str,
    host_department: Department,
    host_sponsor: Person,
    objectives: str,
    starts_on: dt.date,
    ends_on: dt.date,
    project: str = "",
    project_deadline: dt.date | None = None,
) -> Rotation:
    """Assign a rotation; a person is never in two rotations at once."""
    Person.objects.select_for_update().get(pk=person.pk)  # serialise assignments per person
    _rotation_dates_check(
        person=person, starts_on=starts_on, ends_on=ends_on, project_deadline=project_deadline
    )
    today = timezone.localdate()
    rotation = Rotation(
        person=person,
        assigned_by=actor.person,
        status=Rotation.Status.RUNNING if starts_on <= today else Rotation.Status.PLANNED,
        direction=direction,
        role=role,
        host_department=host_department,
        host_sponsor=host_sponsor,
        objectives=objectives,
        project=project,
        project_deadline=project_deadline,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    _record(
        rotation,
        actor=actor,
        summary=f"Rotation in {rotation.host_department} as {rotation.get_role_display().lower()}, {starts_on:%d %b} – {ends_on:%d %b %Y}",
        detail=rotation.objectives,
    )
    return rotation


@transaction.atomic
def rotation_assess(
    *,
    actor: Actor,
    rotation: Rotation,
    objectives_met: bool,
    delivered_on_time: bool,
    assessment_comments: str,
    scores: dict,
) -> Rotation:
    rotation = Rotation.objects.select_for_update().get(pk=rotation.pk)
    if actor.person_id != rotation.host_sponsor_id:
        raise ValidationError("Only the host sponsor assesses the rotation.")
    rotation.objectives_met = objectives_met
    rotation.delivered_on_time = delivered_on_time
    rotation.assessment_comments = assessment_comments
    rotation.assessed_by = actor.person
    rotation.assessed_on = timezone.localdate()
    if rotation.ends_on <= timezone.localdate():
        rotation.status = Rotation.Status.COMPLETED
    rotation.full_clean()
    rotation.save()
    rotation.scores.all().delete()
    RotationCompetencyScore.objects.bulk_create(
        [
            RotationCompetencyScore(rotation=rotation, competency=c, score=s)
            for c, s in scores.items()
            if s
        ]
    )
    _event(
        _candidate_of(rotation.person),
        kind=CandidateEvent.Kind.ROTATION,
        summary=(
            f"Rotation in {rotation.host_department} assessed: objectives "
            f"{'met' if objectives_met else 'not met'}, {'on time' if delivered_on_time else 'late'}"
        ),
        actor=actor,
        detail=assessment_comments,
    )
    return rotation


@transaction.atomic
def rotation_reflect(*, actor: Actor, rotation: Rotation, reflection: str) -> Rotation:
    rotation = Rotation.objects.select_for_update().get(pk=rotation.pk)
    if actor.person_id != rotation.person_id:
        raise ValidationError("The reflection is written by the person who rotated.")
    rotation.reflection = reflection
    rotation.reflection_written_on = timezone.localdate()
    rotation.save(update_fields=["reflection", "reflection_written_on"])
    _event(
        _candidate_of(rotation.person),
        kind=CandidateEvent.Kind.ROTATION,
        summary=f"Reflection written on the rotation in {rotation.host_department}",
        actor=actor,
    )
    return rotation


@transaction.atomic
def rotation_host(
    *,
    actor: Actor,
    person: Person,
    role: str,
    objectives: str,
    starts_on: dt.date,
    ends_on: dt.date,
    project: str = "",
    project_deadline: dt.date | None = None,
) -> Rotation:
    """An inbound rotation the actor hosts in their own department, for someone outside
    their line; the person's own manager is told, and may decline it (cancel it, with a
    reason) in the week after."""
    rotation = rotation_assign(
        actor=actor,
        person=person,
        direction=Rotation.Direction.INBOUND,
        role=role,
        host_department=actor.person.department,
        host_sponsor=actor.person,
        objectives=objectives,
        starts_on=starts_on,
        ends_on=ends_on,
        project=project,
        project_deadline=project_deadline,
    )
    manager = person.manager
    if manager is not None and manager.user_id and manager.is_active:
        url = reverse("development:rotation_detail", args=[rotation.pk])
        notices_send(
            due=[
                Due(
                    recipient_id=manager.user_id,
                    kind="rotation_hosted",
                    item_key=f"rotation:{rotation.pk}",
                    period_key="proposed",
                    title=f"{actor.person.full_name} would host {person.full_name} on a rotation",
                    body=(
                        f"{rotation.get_role_display()} in {rotation.host_department}, "
                        f"{starts_on:%d %b} – {ends_on:%d %b %Y}.\n{objectives}\n"
                        f"If it cannot work for your team, decline it by "
                        f"{timezone.localdate() + dt.timedelta(days=7):%d %b}: open it and "
                        "cancel it with your reason."
                    ),
                    url=url,
                )
            ],
            today=timezone.localdate(),
        )
    return rotation


@transaction.atomic
def stretch_assign(
    *,
    actor: Actor,
    candidate: Candidate,
    title: str,
    kind: str,
    description: str,
    safety_net: Person,
    starts_on: dt.date,
) -> StretchAssignment:
    assignment = StretchAssignment(
        candidate=candidate,
        assigned_by=actor.person,
        title=title,
        kind=kind,
        description=description,
        safety_net=safety_net,
        starts_on=starts_on,
    )
    _record(
        assignment,
        actor=actor,
        summary=f"Stretch assignment: {assignment.title} (safety net: {assignment.safety_net})",
        detail=assignment.description,
    )
    return assignment


@transaction.atomic
def stretch_record_outcome(
    *,
    actor: Actor,
    assignment: StretchAssignment,
    outcome: str,
    lessons_learned: str,
    ends_on: dt.date | None,
) -> StretchAssignment:
    assignment = StretchAssignment.objects.select_for_update().get(pk=assignment.pk)
    assignment.outcome = outcome
    assignment.lessons_learned = lessons_learned
    if ends_on is None and outcome != StretchAssignment.Outcome.PENDING:
        # An outcome means it ended: left blank, it ended when the outcome is known, and
        # it is dated readiness evidence from that day.
        ends_on = assignment.ends_on or max(timezone.localdate(), assignment.starts_on)
    assignment.ends_on = ends_on
    _record(
        assignment,
        actor=actor,
        summary=f"Stretch assignment “{assignment.title}”: {assignment.get_outcome_display().lower()}",
        detail=lessons_learned,
    )
    return assignment


def _conference_dates_check(conference: Conference) -> None:
    _conference_dates_valid(
        starts_on=conference.starts_on,
        ends_on=conference.ends_on,
        trip_report_due_on=conference.trip_report_due_on,
    )


def _conference_dates_valid(*, starts_on, ends_on, trip_report_due_on) -> None:
    if ends_on and starts_on and ends_on < starts_on:
        raise ValidationError({"ends_on": "The conference ends after it starts."})
    if trip_report_due_on and ends_on and trip_report_due_on < ends_on:
        raise ValidationError(
            {"trip_report_due_on": "The trip report is due after the conference ends."}
        )


@transaction.atomic
def conference_assign(
    *,
    actor: Actor,
    candidate: Candidate,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    trip_report_due_on: dt.date,
    location: str = "",
    budget: Decimal = Decimal(0),
    currency: str = "EUR",
    assignment: str = "",
) -> Conference:
    conference = Conference(
        candidate=candidate,
        assigned_by=actor.person,
        name=name,
        location=location,
        starts_on=starts_on,
        ends_on=ends_on,
        budget=budget,
        currency=currency,
        assignment=assignment or Conference._meta.get_field("assignment").default,
        trip_report_due_on=trip_report_due_on,
    )
    _conference_dates_check(conference)
    _record(
        conference,
        actor=actor,
        summary=f"Conference: {conference.name}, trip report due {conference.trip_report_due_on:%d %b %Y}",
        detail=conference.assignment,
    )
    return conference


@transaction.atomic
def trip_report_write(
    *, actor: Actor, conference: Conference, learned: str, ideas: str, recommendations: str
) -> Conference:
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    if actor.person_id != conference.candidate.person_id:
        raise ValidationError("The trip report is written by the person who went.")
    first = conference.report_submitted_at is None
    conference.report_learned = learned
    conference.report_ideas = ideas
    conference.report_recommendations = recommendations
    conference.report_submitted_at = timezone.now()
    conference.save()
    if first:
        _event(
            conference.candidate,
            kind=CandidateEvent.Kind.EXPOSURE,
            summary=f"Trip report on {conference.name} written",
            actor=actor,
            detail=ideas[:500],
        )
    return conference


@transaction.atomic
def trip_report_review(*, actor: Actor, conference: Conference, comments: str) -> Conference:
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    if conference.report_submitted_at is None:
        raise ValidationError("There is no trip report to review yet.")
    conference.review_comments = comments
    conference.reviewed_by = actor.person
    conference.reviewed_at = timezone.now()
    conference.save()
    _event(
        conference.candidate,
        kind=CandidateEvent.Kind.EXPOSURE,
        summary=f"Trip report on {conference.name} reviewed by {actor.person}",
        actor=actor,
        detail=comments,
    )
    return conference


@transaction.atomic
def task_force_launch(*, actor: Actor, conference: Conference, idea: str) -> TaskForce:
    if conference.report_submitted_at is None:
        raise ValidationError(
            "Launch a task force from an idea in the trip report, once it is written."
        )
    task_force = TaskForce(
        conference=conference,
        owner=conference.candidate,
        idea=idea,
        launched_by=actor.person,
        launched_on=timezone.localdate(),
    )
    _record(
        task_force,
        actor=actor,
        summary=f"Task force launched: {idea[:120]}",
    )
    return task_force


@transaction.atomic
def task_force_update(*, actor: Actor, task_force: TaskForce, status: str, notes: str) -> TaskForce:
    task_force = TaskForce.objects.select_for_update().get(pk=task_force.pk)
    task_force.status = status
    task_force.notes = notes
    if status == TaskForce.Status.IMPLEMENTED and not task_force.implemented_on:
        task_force.implemented_on = max(timezone.localdate(), task_force.launched_on)
    _record(
        task_force,
        actor=actor,
        summary=f"Task force “{task_force.idea[:80]}”: {task_force.get_status_display().lower()}",
    )
    return task_force


@transaction.atomic
def benchmark_assign(
    *, actor: Actor, candidate: Candidate, company: str, visit_on: dt.date
) -> BenchmarkVisit:
    visit = BenchmarkVisit(
        candidate=candidate, company=company, visit_on=visit_on, assigned_by=actor.person
    )
    _record(
        visit,
        actor=actor,
        summary=f"Benchmark visit to {company} on {visit_on:%d %b %Y}",
    )
    return visit


@transaction.atomic
def benchmark_update(
    *,
    actor: Actor,
    visit: BenchmarkVisit,
    questions: str,
    findings: str,
    comparison: str,
    presented_on: dt.date | None,
) -> BenchmarkVisit:
    visit = BenchmarkVisit.objects.select_for_update().get(pk=visit.pk)
    today = timezone.localdate()
    if (findings or comparison) and visit.visit_on > today:
        raise ValidationError({"findings": "Findings come after the visit."})
    if presented_on and presented_on < visit.visit_on:
        raise ValidationError({"presented_on": "They present back after the visit."})
    if questions and not visit.questions:
        visit.questions_ready_on = today
    visit.questions = questions
    visit.findings = findings
    visit.comparison = comparison
    visit.presented_on = presented_on
    _record(
        visit,
        actor=actor,
        summary=f"Benchmark visit to {visit.company} updated",
    )
    return visit


@transaction.atomic
def shadowing_assign(
    *,
    actor: Actor,
    candidate: Candidate,
    shadowed: Person,
    starts_on: dt.date,
    observe: str,
    ends_on: dt.date | None = None,
) -> JobShadowing:
    if shadowed.pk == candidate.person_id:
        raise ValidationError({"shadowed": "They shadow someone else, not themself."})
    shadowing = JobShadowing(
        candidate=candidate,
        shadowed=shadowed,
        starts_on=starts_on,
        ends_on=ends_on,
        observe=observe,
        assigned_by=actor.person,
    )
    _record(
        shadowing,
        actor=actor,
        summary=f"Job shadowing: {shadowed.full_name}, from {starts_on:%d %b %Y}",
    )
    return shadowing


@transaction.atomic
def shadowing_reflect(*, actor: Actor, shadowing: JobShadowing, reflection: str) -> JobShadowing:
    """The candidate's reflection afterwards: dated the first time it is written."""
    shadowing = JobShadowing.objects.select_for_update().get(pk=shadowing.pk)
    _open_for_change(shadowing)
    today = timezone.localdate()
    if shadowing.starts_on > today:
        raise ValidationError({"reflection": "The reflection comes after the shadowing."})
    if not shadowing.reflected_on:
        shadowing.reflected_on = today
    shadowing.reflection = reflection
    _record(
        shadowing,
        actor=actor,
        summary=f"Reflection on shadowing {shadowing.shadowed.full_name} written",
    )
    return shadowing


@transaction.atomic
def training_assign(
    *,
    actor: Actor,
    candidate: Candidate,
    name: str,
    kind: str,
    starts_on: dt.date,
    provider: str = "",
    ends_on: dt.date | None = None,
    commitment: Commitment | None = None,
) -> Training:
    if commitment is not None and commitment.agreement.candidate_id != candidate.pk:
        raise ValidationError(
            {"commitment": "That commitment belongs to another candidate's agreement."}
        )
    training = Training(
        candidate=candidate,
        name=name,
        kind=kind,
        provider=provider,
        starts_on=starts_on,
        ends_on=ends_on,
        commitment=commitment,
    )
    _record(
        training,
        actor=actor,
        summary=f"Training: {training.name} ({training.provider or training.get_kind_display()})",
    )
    return training


@transaction.atomic
def training_complete(*, actor: Actor, training: Training, evidence: str) -> Training:
    """Completing a training marks the commitment it fulfils done."""
    training = Training.objects.select_for_update().get(pk=training.pk)
    if training.status == Training.Status.COMPLETED:
        return training
    if not evidence.strip():
        raise ValidationError({"evidence": "Add the completion evidence (certificate, grade, …)."})
    training.status = Training.Status.COMPLETED
    training.completion_evidence = evidence
    training.ends_on = training.ends_on or max(timezone.localdate(), training.starts_on)
    training.full_clean()
    training.save()
    if training.commitment_id:
        commitment_mark_done(
            commitment=training.commitment,
            actor=actor,
            evidence=f"{training.name}: {evidence}",
        )
    _event(
        training.candidate,
        kind=CandidateEvent.Kind.TRAINING,
        summary=f"Training completed: {training.name}",
        actor=actor,
        detail=evidence,
    )
    return training


# --- Correcting and cancelling ----------------------------------------------------------


def _open_for_change(item: Cancellable) -> None:
    if item.is_cancelled:
        raise ValidationError("It was cancelled: it stays in the record as it was.")


def _subject(item) -> Candidate | None:
    """The candidate whose timeline an experience belongs on."""
    if isinstance(item, Rotation):
        return _candidate_of(item.person)
    return item.owner if isinstance(item, TaskForce) else item.candidate


EVENT_KINDS = {
    Rotation: CandidateEvent.Kind.ROTATION,
    StretchAssignment: CandidateEvent.Kind.STRETCH,
    Conference: CandidateEvent.Kind.EXPOSURE,
    BenchmarkVisit: CandidateEvent.Kind.EXPOSURE,
    Training: CandidateEvent.Kind.TRAINING,
    TaskForce: CandidateEvent.Kind.EXPOSURE,
    JobShadowing: CandidateEvent.Kind.EXPOSURE,
}


def _record(item, *, actor: Actor, summary: str, detail: str = "") -> None:
    """Validate and save an experience, and put a line on its candidate's timeline."""
    item.full_clean()
    item.save()
    _event(
        _subject(item),
        kind=EVENT_KINDS[type(item)],
        summary=summary,
        actor=actor,
        detail=detail,
    )


@transaction.atomic
def experience_cancel(*, actor: Actor, item: Cancellable, reason: str) -> Cancellable:
    """Call off a rotation, stretch assignment, conference, benchmark visit or training.
    It stays in the record and on the timeline, marked, with the reason. Idempotent."""
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.is_cancelled:
        return item
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is cancelled (it stays in the record)."})
    item.cancelled_on = timezone.localdate()
    item.cancelled_by = actor.person
    item.cancel_reason = reason
    if isinstance(item, Rotation):
        item.status = Rotation.Status.CANCELLED
    item.full_clean()
    item.save()
    _event(
        _subject(item),
        kind=EVENT_KINDS[type(item)],
        summary=f"Cancelled: {item._meta.verbose_name} {item}",
        actor=actor,
        detail=reason,
    )
    if isinstance(item, Rotation):
        _tell_other_side_of_cancel(actor=actor, rotation=item)
    return item


def _tell_other_side_of_cancel(*, actor: Actor, rotation: Rotation) -> None:
    """A rotation called off by one side is told to the other, once, with the reason:
    the host sponsor when the person's manager declines it, the person's manager when
    the host calls it off."""
    me = actor.person
    host = rotation.host_sponsor
    if me is not None and host is not None and me.pk == host.pk:
        told = rotation.person.manager
    else:
        told = host
    if told is None or not told.user_id or not told.is_active or (me and told.pk == me.pk):
        return
    who = me.full_name if me is not None else "HR"
    notices_send(
        due=[
            Due(
                recipient_id=told.user_id,
                kind="rotation_cancelled",
                item_key=f"rotation:{rotation.pk}",
                period_key="cancelled",
                title=(
                    f"{who} called off {rotation.person.full_name}'s rotation in "
                    f"{rotation.host_department}"
                ),
                body=f"The reason they gave:\n{rotation.cancel_reason}",
                url=reverse("development:rotation_detail", args=[rotation.pk]),
            )
        ],
        today=timezone.localdate(),
    )


@transaction.atomic
def experience_idea_save(*, actor: Actor, idea: ExperienceIdea) -> ExperienceIdea:
    """Add or change an idea of the catalogue (HR). A host department is for rotations."""
    if idea.kind != ExperienceIdea.Kind.ROTATION:
        idea.host_department_kind = ""
    idea.updated_by = actor.person
    idea.full_clean()
    idea.save()
    return idea


# What a manager may correct on each kind of experience, and the rule a correction keeps.
CORRECTABLE = {
    Rotation: (
        "direction",
        "role",
        "host_department",
        "host_sponsor",
        "objectives",
        "starts_on",
        "ends_on",
        "project",
        "project_deadline",
    ),
    StretchAssignment: ("title", "kind", "description", "safety_net", "starts_on"),
    Conference: (
        "name",
        "location",
        "starts_on",
        "ends_on",
        "budget",
        "currency",
        "assignment",
        "trip_report_due_on",
    ),
    BenchmarkVisit: ("company", "visit_on"),
    Training: ("name", "kind", "provider", "starts_on", "ends_on", "commitment"),
    JobShadowing: ("shadowed", "starts_on", "ends_on", "observe"),
}


def _correction_check(item: Cancellable, data: dict) -> None:
    """The rule each kind keeps when corrected, read from the new values."""
    if isinstance(item, Rotation):
        _rotation_dates_check(
            person=item.person,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            project_deadline=data.get("project_deadline"),
            exclude_pk=item.pk,
        )
    elif isinstance(item, Conference):
        _conference_dates_valid(
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            trip_report_due_on=data["trip_report_due_on"],
        )
        # A blank assignment keeps the one the conference was given.
        data["assignment"] = data.get("assignment") or item.assignment
    elif isinstance(item, BenchmarkVisit):
        if item.presented_on and data["visit_on"] > item.presented_on:
            raise ValidationError({"visit_on": "They presented their findings before that date."})
    elif isinstance(item, JobShadowing):
        if data["shadowed"].pk == item.candidate.person_id:
            raise ValidationError({"shadowed": "They shadow someone else, not themself."})
        if data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError({"ends_on": "The shadowing ends after it starts."})
    elif isinstance(item, Training):
        commitment = data.get("commitment")
        if commitment is not None and commitment.agreement.candidate_id != item.candidate_id:
            raise ValidationError(
                {"commitment": "That commitment belongs to another candidate's agreement."}
            )


@transaction.atomic
def experience_correct(*, actor: Actor, item: Cancellable, **data) -> Cancellable:
    """Correct a rotation, stretch assignment, conference, benchmark visit or training
    (the form it was created with, filled in): the fields its kind allows, under the
    rule it keeps. A correction that changes something is a line on the timeline."""
    item = type(item).objects.select_for_update().get(pk=item.pk)
    _open_for_change(item)
    _correction_check(item, data)
    item, changed = model_update(instance=item, fields=CORRECTABLE[type(item)], data=data)
    if changed:
        _event(
            _subject(item),
            kind=EVENT_KINDS[type(item)],
            summary=f"{item._meta.verbose_name.capitalize()} changed: {item}",
            actor=actor,
        )
    return item
