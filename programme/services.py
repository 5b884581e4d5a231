"""Writes of the programme: intakes (HR), applications (the applicant), endorsements
(their manager), panel scores and decisions, and the cohort that sends the outcomes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from candidates.services import candidate_join_by_application
from common.actor import Actor
from notifications.tasks import notice_to

from .access import intake_permissions, is_eligible
from .models import Application, Cohort, Intake, PanelScore

INTAKE_FIELDS = (
    "name",
    "opens_on",
    "closes_on",
    "starts_on",
    "places",
    "min_level",
    "max_level",
    "questions",
)


@transaction.atomic
def intake_save(
    *, actor: Actor, departments, panel, intake: Intake | None = None, **fields
) -> Intake:
    """HR opens (or changes) an intake: dates, places, who may apply, the questions, the
    panel."""
    if not actor.view_all_talent:
        raise ValidationError("HR opens intakes.")
    if not panel:
        raise ValidationError({"panel": "Name the panel: at least one person decides."})
    if intake is not None and hasattr(intake, "cohort"):
        raise ValidationError("The cohort is formed: the intake stays as it was.")
    intake = intake or Intake(created_by=actor.person)
    for name in INTAKE_FIELDS:
        setattr(intake, name, fields[name])
    if not intake.question_list():
        raise ValidationError({"questions": "Ask at least one question."})
    intake.full_clean()
    intake.save()
    intake.departments.set(departments)
    intake.panel.set(panel)
    return intake


def _answers(intake: Intake, answers: list[str]) -> list[dict]:
    questions = intake.question_list()
    if len(answers) != len(questions) or not all(a.strip() for a in answers):
        raise ValidationError("Answer every question.")
    return [{"question": q, "answer": a} for q, a in zip(questions, answers, strict=True)]


@transaction.atomic
def application_submit(*, actor: Actor, intake: Intake, answers: list[str]) -> Application:
    """Someone eligible applies in writing while the intake is open; their manager is
    asked to endorse it."""
    person = actor.person
    today = timezone.localdate()
    if person is None or not is_eligible(intake, person):
        raise ValidationError("This intake is not open to you.")
    if not intake.is_open_on(today):
        raise ValidationError(
            f"Applications are open from {intake.opens_on:%-d %b} to {intake.closes_on:%-d %b %Y}."
        )
    application = Application(
        intake=intake,
        applicant=person,
        answers=_answers(intake, answers),
        submitted_at=timezone.now(),
        manager=person.manager,
    )
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError("You have already applied to this intake.") from None
    notice_to(
        person.manager,
        kind="application_to_endorse",
        item_key=f"application:{application.pk}",
        period_key="submitted",
        title=f"{person.full_name} applied to {intake.name}: endorse it or not",
        url=reverse("programme:endorse", args=[application.pk]),
    )
    return application


def _still_open(application: Application) -> None:
    if not application.intake.is_open_on(timezone.localdate()):
        raise ValidationError("Applications have closed: it stays as you sent it.")


@transaction.atomic
def application_update(
    *, actor: Actor, application: Application, answers: list[str]
) -> Application:
    application = (
        Application.objects.select_for_update().select_related("intake").get(pk=application.pk)
    )
    if application.applicant_id != actor.person_id:
        raise ValidationError("Only the applicant changes their application.")
    _still_open(application)
    application.answers = _answers(application.intake, answers)
    application.save(update_fields=["answers"])
    return application


@transaction.atomic
def application_withdraw(*, actor: Actor, application: Application) -> None:
    application = (
        Application.objects.select_for_update().select_related("intake").get(pk=application.pk)
    )
    if application.applicant_id != actor.person_id:
        raise ValidationError("Only the applicant withdraws their application.")
    _still_open(application)
    application.delete()


@transaction.atomic
def application_endorse(
    *, actor: Actor, application: Application, endorsed: bool, note: str
) -> Application:
    """Their manager's word, with a note; changeable until the panel decides."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.decision != Application.Decision.PENDING:
        raise ValidationError("The panel has decided: the endorsement stays as it was.")
    if not note.strip():
        raise ValidationError({"note": "Add a note: the panel reads it."})
    application.endorsement = (
        Application.Endorsement.ENDORSED if endorsed else Application.Endorsement.NOT_ENDORSED
    )
    application.endorsement_note = note
    application.endorsed_by = actor.person
    application.endorsed_on = timezone.localdate()
    application.save()
    return application


@transaction.atomic
def panel_score(
    *, actor: Actor, application: Application, score: int, note: str = ""
) -> PanelScore:
    if not intake_permissions(actor, application.intake).can_score:
        raise ValidationError("Only the panel scores applications.")
    if application.decision != Application.Decision.PENDING:
        raise ValidationError("The panel has decided: the scores stay as they were.")
    if not 1 <= score <= 5:
        raise ValidationError({"score": "Score from 1 to 5."})
    found, _ = PanelScore.objects.update_or_create(
        application=application,
        member=actor.person,
        defaults={"score": score, "note": note, "scored_on": timezone.localdate()},
    )
    return found


@transaction.atomic
def application_decide(
    *, actor: Actor, application: Application, decision: str, note: str = ""
) -> Application:
    """The panel (or HR) accepts or declines, once applications have closed, within the
    intake's places; changeable until the cohort is formed."""
    application = (
        Application.objects.select_for_update().select_related("intake").get(pk=application.pk)
    )
    intake = Intake.objects.select_for_update().get(pk=application.intake_id)
    if not intake_permissions(actor, intake).can_decide:
        raise ValidationError("Only the panel decides.")
    if hasattr(intake, "cohort"):
        raise ValidationError("The cohort is formed: the decisions are sent.")
    if timezone.localdate() <= intake.closes_on:
        raise ValidationError(f"Decide once applications close on {intake.closes_on:%-d %b %Y}.")
    if decision not in (Application.Decision.ACCEPTED, Application.Decision.DECLINED):
        raise ValidationError({"decision": "Accept or decline."})
    if decision == Application.Decision.DECLINED and not note.strip():
        raise ValidationError({"note": "Say why: the applicant reads it."})
    if decision == Application.Decision.ACCEPTED and application.decision != decision:
        taken = intake.applications.filter(decision=Application.Decision.ACCEPTED).count()
        if taken >= intake.places:
            raise ValidationError(f"All {intake.places} places are taken.")
    application.decision = decision
    application.decision_note = note
    application.decided_by = actor.person
    application.decided_on = timezone.localdate()
    application.save()
    return application


@transaction.atomic
def cohort_form(*, actor: Actor, intake: Intake, name: str) -> Cohort:
    """The accepted join the pool together ("by application"), and every applicant learns
    their own outcome. Once only."""
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if not intake_permissions(actor, intake).can_decide:
        raise ValidationError("Only the panel forms the cohort.")
    if hasattr(intake, "cohort"):
        return intake.cohort
    applications = list(intake.applications.select_related("applicant__manager"))
    if any(a.decision == Application.Decision.PENDING for a in applications):
        raise ValidationError("Decide every application first.")
    accepted = [a for a in applications if a.decision == Application.Decision.ACCEPTED]
    if not accepted:
        raise ValidationError("Nobody is accepted: there is no cohort to form.")
    cohort = Cohort(
        intake=intake,
        name=name.strip() or intake.name,
        starts_on=intake.starts_on,
        formed_by=actor.person,
        formed_on=timezone.localdate(),
    )
    cohort.full_clean()
    cohort.save()
    for application in accepted:
        application.candidate = candidate_join_by_application(
            actor=actor,
            person=application.applicant,
            reason=f"By application to {intake.name} (cohort {cohort.name}, from "
            f"{cohort.starts_on:%-d %b %Y}).",
        )
        application.save(update_fields=["candidate"])
    for application in applications:
        welcome = application.decision == Application.Decision.ACCEPTED
        notice_to(
            application.applicant,
            kind="application_outcome",
            item_key=f"application:{application.pk}",
            period_key="outcome",
            title=(
                f"Welcome to {cohort.name}: you start on {cohort.starts_on:%-d %b %Y}"
                if welcome
                else f"Your application to {intake.name}: not this time"
            ),
            body=application.decision_note,
            url=reverse("programme:apply"),
        )
    return cohort
