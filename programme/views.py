"""The programme people apply to: /programme/ (each role's part), /programme/apply/,
the intake's board, an application, the cohort."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from candidates.access import view_all_talent_required
from common.form_pages import form_page, form_submit

from . import selectors, services
from .access import (
    application_get_for_applicant,
    application_get_for_manager,
    application_get_for_panel,
    cohort_get_for_user,
    intake_get_for_user,
    is_eligible,
    runs_any_intake,
)
from .forms import (
    ApplicationForm,
    CohortForm,
    DecideForm,
    EndorseForm,
    IntakeForm,
    NewApplicationForm,
    NewIntakeForm,
    ScoreForm,
)
from .models import Application, Intake


@login_required
def home(request):
    """Each role's part: intakes to run (HR, the panel), applications to endorse (their
    managers), and for everyone else the way to apply."""
    actor = request.actor
    runs = runs_any_intake(actor)
    waiting = list(selectors.endorsements_waiting(actor=actor)[:50]) if actor.manager else []
    if not runs and not waiting:
        return apply(request)
    return render(
        request,
        "programme/home.html",
        {
            "title": "Leadership programme",
            "intakes": selectors.intakes_overview(actor=actor) if runs else [],
            "runs": runs,
            "waiting": waiting,
        },
    )


@login_required
def apply(request):
    """What the actor may apply to, and their own applications with their outcome once
    it is sent; never anyone else's."""
    today = timezone.localdate()
    return render(
        request,
        "programme/apply.html",
        {
            "title": "Apply to the leadership programme",
            "open_intakes": selectors.open_intakes_for(actor=request.actor, today=today),
            "applications": selectors.my_applications(actor=request.actor),
            "today": today,
        },
    )


def _open_intake(request, pk: int) -> Intake:
    intake = Intake.objects.prefetch_related("departments").filter(pk=pk).first()
    today = timezone.localdate()
    if (
        intake is None
        or request.actor.person is None
        or not intake.is_open_on(today)
        or not is_eligible(intake, request.actor.person)
    ):
        raise Http404("No such intake open to you.")
    return intake


@login_required
@require_http_methods(["GET", "POST"])
def application_new(request, intake_pk):
    intake = _open_intake(request, intake_pk)
    mine = Application.objects.filter(intake=intake, applicant=request.actor.person).first()
    if mine is not None:
        return redirect("programme:application_edit", pk=mine.pk)
    return form_page(
        request,
        form=NewApplicationForm(request.POST or None, questions=intake.question_list()),
        call=lambda data: services.application_submit(
            actor=request.actor, intake=intake, answers=data["answers"]
        ),
        success="Sent. Your manager is asked to endorse it; you hear the outcome here.",
        done=lambda _: reverse("programme:apply"),
        template="programme/application_form.html",
        context={"title": f"Apply to {intake.name}", "intake": intake, "application": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk):
    application = application_get_for_applicant(actor=request.actor, pk=pk)
    intake = application.intake
    if not intake.is_open_on(timezone.localdate()):
        raise Http404("Applications have closed.")
    initial = {f"answer_{n}": row["answer"] for n, row in enumerate(application.answers)}
    return form_page(
        request,
        form=ApplicationForm(
            request.POST or None, questions=intake.question_list(), initial=initial
        ),
        call=lambda data: services.application_update(
            actor=request.actor, application=application, answers=data["answers"]
        ),
        success="Your application is changed.",
        done=lambda _: reverse("programme:apply"),
        template="programme/application_form.html",
        context={
            "title": f"Your application to {intake.name}",
            "intake": intake,
            "application": application,
        },
    )


@login_required
@require_POST
def application_withdraw(request, pk):
    application = application_get_for_applicant(actor=request.actor, pk=pk)
    try:
        services.application_withdraw(actor=request.actor, application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Application withdrawn.")
    return redirect("programme:apply")


@login_required
@require_http_methods(["GET", "POST"])
def endorse(request, pk):
    """The applicant's manager (anyone above them) endorses or not, with a note."""
    application = application_get_for_manager(actor=request.actor, pk=pk)
    initial = (
        {
            "endorsed": "yes"
            if application.endorsement == Application.Endorsement.ENDORSED
            else "no",
            "note": application.endorsement_note,
        }
        if application.endorsement != Application.Endorsement.PENDING
        else {}
    )
    return form_page(
        request,
        form=EndorseForm(request.POST or None, initial=initial),
        call=lambda data: services.application_endorse(
            actor=request.actor, application=application, **data
        ),
        success="Your word is with the panel.",
        done=lambda _: reverse("programme:home"),
        template="programme/endorse.html",
        context={
            "title": f"{application.applicant.full_name}'s application",
            "application": application,
        },
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def intake_new(request):
    return form_page(
        request,
        form=NewIntakeForm(request.POST or None),
        call=lambda data: services.intake_save(actor=request.actor, **data),
        success=lambda intake: (
            f"{intake.name} is set: people may apply from {intake.opens_on:%-d %b %Y}."
        ),
        done=lambda intake: intake.get_absolute_url(),
        template="programme/intake_form.html",
        context={"title": "Open an intake", "heading": "Open an intake"},
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def intake_edit(request, pk):
    intake, permissions = intake_get_for_user(actor=request.actor, pk=pk, record=False)
    if hasattr(intake, "cohort"):
        raise Http404("The cohort is formed: the intake stays as it was.")
    heading = f"Change {intake.name}"
    return form_page(
        request,
        form=IntakeForm(request.POST or None, instance=intake),
        call=lambda data: services.intake_save(actor=request.actor, intake=intake, **data),
        success="Intake saved.",
        done=lambda _: intake.get_absolute_url(),
        template="programme/intake_form.html",
        context={"title": heading, "heading": heading},
    )


@login_required
@require_http_methods(["GET", "POST"])
def intake(request, pk):
    """The intake's board for HR and its panel: every application with the manager's
    word, the scores and the decision; forming the cohort once all are decided."""
    intake, permissions = intake_get_for_user(actor=request.actor, pk=pk)
    cohort_form = CohortForm(request.POST or None, initial={"name": intake.name})
    if request.method == "POST":
        if not permissions.can_decide:
            raise Http404
        if form_submit(
            request,
            cohort_form,
            lambda data: services.cohort_form(actor=request.actor, intake=intake, **data),
            "The cohort is formed: the accepted are in the pool, and every applicant has their outcome.",
        ):
            return redirect(cohort_form.result.get_absolute_url())
    board = list(selectors.intake_board(intake=intake, actor=request.actor))
    return render(
        request,
        "programme/intake.html",
        {
            "title": intake.name,
            "intake": intake,
            "permissions": permissions,
            "board": board,
            "accepted": sum(a.decision == "accepted" for a in board),
            "pending": sum(a.decision == "pending" for a in board),
            "closed": timezone.localdate() > intake.closes_on,
            "cohort": getattr(intake, "cohort", None),
            "cohort_form": cohort_form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application(request, pk):
    """One application for HR and the panel: the answers, the manager's word, the
    scores; score it (the panel), decide (the panel, HR)."""
    application, permissions = application_get_for_panel(actor=request.actor, pk=pk)
    which = request.POST.get("form") if request.method == "POST" else None
    scores = list(application.scores.select_related("member").order_by("member__full_name"))
    mine = next((s for s in scores if s.member_id == request.actor.person_id), None)
    # Two forms on one page: prefixed, so that their fields' ids differ.
    score = ScoreForm(
        request.POST if which == "score" else None,
        initial={"score": mine.score, "note": mine.note} if mine else {},
        prefix="score",
    )
    decide = DecideForm(
        request.POST if which == "decide" else None,
        initial={"decision": application.decision, "note": application.decision_note},
        prefix="decide",
    )
    if which == "score" and permissions.can_score:
        if form_submit(
            request,
            score,
            lambda d: services.panel_score(actor=request.actor, application=application, **d),
            "Score saved.",
        ):
            return redirect(application.get_absolute_url())
    elif which == "decide" and permissions.can_decide:
        if form_submit(
            request,
            decide,
            lambda d: services.application_decide(
                actor=request.actor, application=application, **d
            ),
            "Decision saved; the applicant hears it when the cohort is formed.",
        ):
            return redirect(application.get_absolute_url())
    elif which:
        raise Http404
    return render(
        request,
        "programme/application.html",
        {
            "title": f"{application.applicant.full_name}: {application.intake.name}",
            "application": application,
            "permissions": permissions,
            "scores": scores,
            "score_form": score,
            "decide_form": decide,
            "closed": timezone.localdate() > application.intake.closes_on,
            "cohort_formed": hasattr(application.intake, "cohort"),
        },
    )


@login_required
def cohort(request, pk):
    cohort = cohort_get_for_user(actor=request.actor, pk=pk)
    members = selectors.cohort_members(cohort=cohort, actor=request.actor)
    return render(
        request,
        "programme/cohort.html",
        {
            "title": cohort.name,
            "cohort": cohort,
            "members": members,
            "counts": {
                "signed": sum(m.agreement_signed for m in members),
                "paired": sum(bool(m.mentor_name) for m in members),
                "experienced": sum(bool(m.first_experience_on) for m in members),
                "nominated": sum(bool(m.readiness) for m in members),
            },
        },
    )
