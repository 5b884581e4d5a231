"""Talent actions on one candidate (rate, nominate as successor, readiness, status), the
nomination of a new candidate, and follow-ups. The pages that read across apps (pool,
9-box, key positions, profile) live in ``front``."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from common.form_pages import form_page, form_submit

from . import services
from .access import (
    candidate_get_managed,
    follow_up_get_managed,
    hr_required,
    manager_required,
    person_for,
    position_get_for_user,
    positions_visible_to,
)
from .forms import (
    CompetencyRatingForm,
    FollowUpDoneForm,
    NominateCandidateForm,
    PositionFillForm,
    RateForm,
    StatusForm,
    SuccessorNominationForm,
)
from .models import Competency
from .selectors import (
    PICKER_LIMIT,
    latest_competency_scores,
    people_nominable,
    people_search,
    positions_within_reach,
)


def _action_page(request, *, candidate, form, heading, submit, service, success):
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
    candidate = candidate_get_managed(user=request.user, pk=pk)
    initial = {
        "performance": candidate.performance,
        "potential": candidate.potential,
        "flight_risk": candidate.flight_risk,
        "flight_risk_reason": candidate.flight_risk_reason,
    }
    form = RateForm(request.POST or None, initial=initial)
    return _action_page(
        request,
        candidate=candidate,
        form=form,
        heading="Rate performance, potential and flight risk",
        submit="Save rating",
        service=lambda data: services.candidate_rate(
            acting_user=person_for(request.user), candidate=candidate, **data
        ),
        success="Rating saved; the earlier ones stay in the history.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def rate_competencies(request, pk):
    candidate = candidate_get_managed(user=request.user, pk=pk)
    form = CompetencyRatingForm(
        request.POST or None,
        competencies=Competency.objects.filter(is_active=True),
        latest=latest_competency_scores(candidate=candidate),
    )
    return _action_page(
        request,
        candidate=candidate,
        form=form,
        heading="Rate competencies",
        submit="Save ratings",
        service=lambda data: services.competencies_rate(
            acting_user=person_for(request.user),
            candidate=candidate,
            scores=data["scores"],
            note=data["note"],
            rated_on=data["rated_on"],
        ),
        success="Competency ratings saved; the earlier ones stay in the history.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def nominate_successor(request, pk):
    candidate = candidate_get_managed(user=request.user, pk=pk)
    form = SuccessorNominationForm(
        request.POST or None,
        positions=positions_within_reach(user=request.user, candidate=candidate),
    )
    return _action_page(
        request,
        candidate=candidate,
        form=form,
        heading="Nominate as successor",
        submit="Nominate",
        service=lambda data: services.nomination_create(
            acting_user=person_for(request.user), candidate=candidate, **data
        ),
        success="Successor nomination saved.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def change_status(request, pk):
    candidate = candidate_get_managed(user=request.user, pk=pk)
    form = StatusForm(
        request.POST or None,
        current=candidate.status,
        positions=positions_visible_to(request.user).order_by("title"),
    )
    return _action_page(
        request,
        candidate=candidate,
        form=form,
        heading="Change status",
        submit="Change status",
        service=lambda data: services.candidate_change_status(
            acting_user=person_for(request.user), candidate=candidate, **data
        ),
        success="Status changed.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def nominate(request):
    """Put someone of the user's line in the pool. A line longer than PICKER_LIMIT is
    searched first (``?q=``), so the page never lists ten thousand people."""
    people = people_nominable(user=request.user)
    query = request.GET.get("q", "").strip()[:100]
    search = None
    if request.method == "GET":
        search = people_search(people=people, query=query, limit=PICKER_LIMIT)
        if search["needs_search"]:
            people = search["people"]
    form = NominateCandidateForm(request.POST or None, people=people)
    if request.method == "POST" and form_submit(
        request,
        form,
        lambda data: services.candidate_nominate(acting_user=person_for(request.user), **data),
        lambda candidate: f"{candidate} is now in the succession pool.",
    ):
        return redirect(form.result.get_absolute_url())
    return render(
        request,
        "candidates/nominate.html",
        {"title": "Nominate a candidate", "form": form, "search": search, "query": query},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def follow_up_done(request, pk):
    follow_up = follow_up_get_managed(user=request.user, pk=pk)
    form = FollowUpDoneForm(request.POST or None)
    return _action_page(
        request,
        candidate=follow_up.candidate,
        form=form,
        heading=follow_up.description,
        submit="Mark done",
        service=lambda data: services.follow_up_complete(
            acting_user=person_for(request.user), follow_up=follow_up, **data
        ),
        success="Follow-up done.",
    )


@hr_required
@require_http_methods(["GET", "POST"])
def position_fill(request, pk):
    """HR records someone from outside the pool taking a key position."""
    position = position_get_for_user(user=request.user, pk=pk)
    form = PositionFillForm(request.POST or None)
    return form_page(
        request,
        form=form,
        call=lambda data: services.position_fill_record(
            acting_user=person_for(request.user),
            position=position,
            person=data["email"],
            filled_on=data["filled_on"],
            note=data["note"],
        ),
        success=lambda fill: f"{fill.person} recorded as the new {position.title}.",
        done=lambda _: position.get_absolute_url(),
        template="candidates/position_fill.html",
        context={"title": f"Filled from outside · {position.title}", "position": position},
    )
