"""Who sees what of an intake. HR runs every intake; a panel member runs the intakes they
sit on (every application, the scores, the cohort); an applicant sees their own
application only, and its outcome once the cohort is formed; a manager sees the
applications of their line, to endorse them. Anyone else: 404. A read of an application
or a cohort by anyone but the applicant is recorded."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from audit import record as audit
from candidates.access import in_line_q
from candidates.models import Candidate, Person
from common.actor import Actor

from .models import Application, Cohort, Intake


def intakes_run_by(actor: Actor) -> QuerySet[Intake]:
    """The intakes the actor runs: all for HR, the ones they sit on the panel of."""
    if actor.view_all_talent:
        return Intake.objects.all()
    if actor.person is None:
        return Intake.objects.none()
    return Intake.objects.filter(panel=actor.person)


def runs_any_intake(actor: Actor) -> bool:
    return actor.view_all_talent or (
        actor.person is not None and Intake.objects.filter(panel=actor.person).exists()
    )


@dataclass(frozen=True)
class IntakePermissions:
    is_hr: bool
    on_panel: bool

    @property
    def can_edit(self) -> bool:
        return self.is_hr

    @property
    def can_score(self) -> bool:
        return self.on_panel

    @property
    def can_decide(self) -> bool:
        return self.is_hr or self.on_panel


def intake_permissions(actor: Actor, intake: Intake) -> IntakePermissions:
    on_panel = actor.person is not None and intake.panel.filter(pk=actor.person.pk).exists()
    return IntakePermissions(is_hr=actor.view_all_talent, on_panel=on_panel)


def intake_get_for_user(
    *, actor: Actor, pk: int, record: bool = True
) -> tuple[Intake, IntakePermissions]:
    """An intake the actor runs, or 404; its board (applicants and scores) is a read that
    is recorded."""
    intake = intakes_run_by(actor).select_related("cohort").filter(pk=pk).first()
    if intake is None:
        raise Http404("No such intake.")
    if record:
        audit.read(actor, audit.What.APPLICATION, label=intake.name)
    return intake, intake_permissions(actor, intake)


def application_get_for_panel(*, actor: Actor, pk: int) -> tuple[Application, IntakePermissions]:
    """An application of an intake the actor runs, and what they may do; the read is
    recorded."""
    application = (
        Application.objects.filter(intake__in=intakes_run_by(actor))
        .select_related("intake", "applicant__department", "manager", "endorsed_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404("No such application.")
    audit.read(actor, audit.What.APPLICATION, person=application.applicant)
    return application, intake_permissions(actor, application.intake)


def application_get_for_applicant(*, actor: Actor, pk: int) -> Application:
    """The actor's own application, or 404."""
    application = (
        Application.objects.select_related("intake")
        .filter(pk=pk, applicant_id=actor.person_id or 0)
        .first()
    )
    if application is None:
        raise Http404("No such application.")
    return application


def applications_to_endorse(actor: Actor) -> QuerySet[Application]:
    """Applications from the actor's line (never their own)."""
    if actor.person is None:
        return Application.objects.none()
    return Application.objects.filter(in_line_q(actor, "applicant__")).exclude(
        applicant=actor.person
    )


def application_get_for_manager(*, actor: Actor, pk: int) -> Application:
    """An application of someone in the actor's line, to endorse; the read is recorded."""
    application = (
        applications_to_endorse(actor)
        .select_related("intake", "applicant__department", "endorsed_by")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404("No such application.")
    audit.read(actor, audit.What.APPLICATION, person=application.applicant)
    return application


def cohort_get_for_user(*, actor: Actor, pk: int) -> Cohort:
    """A cohort of an intake the actor runs; the read (readiness included) is recorded."""
    cohort = (
        Cohort.objects.filter(intake__in=intakes_run_by(actor))
        .select_related("intake")
        .filter(pk=pk)
        .first()
    )
    if cohort is None:
        raise Http404("No such cohort.")
    audit.read(actor, audit.What.COHORT, label=cohort.name)
    return cohort


def may_apply(intake: Intake, person: Person, *, department_ids: set[int], in_pool: bool) -> bool:
    """THE rule of who may apply to an intake: active, with a login, at its levels, in
    its departments (all when it names none), and not in the pool already."""
    return (
        person.is_active
        and person.user_id is not None
        and not in_pool
        and intake.min_level <= person.level <= intake.max_level
        and (not department_ids or person.department_id in department_ids)
    )


def is_eligible(intake: Intake, person: Person) -> bool:
    return may_apply(
        intake,
        person,
        department_ids={d.pk for d in intake.departments.all()},
        in_pool=Candidate.objects.filter(person=person).exists(),
    )
