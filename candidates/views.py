"""Talent actions on one candidate (rate, nominate as successor, readiness, status), the
nomination of a new candidate, and follow-ups. The pages that read across apps (pool,
9-box, key positions, profile) live in ``front``."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from common.form_pages import form_page, form_submit
from common.pickers import picker_answer

from . import services
from .access import (
    candidate_get_managed,
    manager_required,
)
from .forms import (
    CompetencyRatingForm,
    NominateCandidateForm,
    RateForm,
)
from .models import Competency
from .selectors import (
    PICKER_LIMIT,
    latest_competency_scores,
    people_nominable,
    people_search,
)


def candidate_action_page(request, *, candidate, form, heading, submit, service, success):
    """A talent action on one candidate: back to their profile when it is done."""
    return form_page(
        request,
        form=form,
        call=service,
        success=success,
        done=lambda _: candidate.get_absolute_url(),
        template="candidates/action.html",
        context={
            "title": f"{heading} · {candidate.person.full_name}",
            "heading": heading,
            "candidate": candidate,
            "submit": submit,
        },
    )


@manager_required
@require_http_methods(["GET", "POST"])
def rate(request, pk):
    candidate = candidate_get_managed(actor=request.actor, pk=pk)
    initial = {
        "performance": candidate.performance,
        "potential": candidate.potential,
        "flight_risk": candidate.flight_risk,
        "flight_risk_reason": candidate.flight_risk_reason,
    }
    form = RateForm(request.POST or None, initial=initial)
    return candidate_action_page(
        request,
        candidate=candidate,
        form=form,
        heading="Rate performance, potential and flight risk",
        submit="Save rating",
        service=lambda data: services.candidate_rate(
            actor=request.actor, candidate=candidate, **data
        ),
        success="Rating saved; the earlier ones stay in the history.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def rate_competencies(request, pk):
    candidate = candidate_get_managed(actor=request.actor, pk=pk)
    form = CompetencyRatingForm(
        request.POST or None,
        competencies=Competency.objects.filter(is_active=True),
        latest=latest_competency_scores(candidate=candidate),
    )
    return candidate_action_page(
        request,
        candidate=candidate,
        form=form,
        heading="Rate competencies",
        submit="Save ratings",
        service=lambda data: services.competencies_rate(
            actor=request.actor,
            candidate=candidate,
            scores=data["scores"],
            note=data["note"],
            rated_on=data["rated_on"],
        ),
        success="Competency ratings saved; the earlier ones stay in the history.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def nominate(request):
    """Put someone of the actor's line in the pool. A line longer than PICKER_LIMIT is
    searched first (``?q=``), so the page never lists ten thousand people."""
    people = people_nominable(actor=request.actor)
    query = request.GET.get("q", "").strip()[:100]
    search = None
    if request.method == "GET":
        search = people_search(people=people, query=query, limit=PICKER_LIMIT)
        if search["needs_search"]:
            people = search["people"]
    form = NominateCandidateForm(request.POST or None, people=people)
    if picked := picker_answer(request, form):
        return picked
    if request.method == "POST" and form_submit(
        request,
        form,
        lambda data: services.candidate_nominate(actor=request.actor, **data),
        lambda candidate: f"{candidate} is now in the succession pool.",
    ):
        return redirect(form.result.get_absolute_url())
    return render(
        request,
        "candidates/nominate.html",
        {"title": "Nominate a candidate", "form": form, "search": search, "query": query},
    )
