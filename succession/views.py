"""Readiness with its evidence, its confirmation, target profiles, the plan from gaps."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from candidates.access import (
    candidate_get_managed,
    hr_required,
    manager_required,
    nomination_get_managed,
    person_for,
    position_get_for_user,
)
from candidates.models import Level
from candidates.selectors import target_profile_rows
from candidates.services import competency_targets_save
from common.form_pages import form_submit, submit_once

from . import selectors, services
from .forms import ConfirmForm, PlanForm, ReadinessEvidenceForm, TargetsForm


@manager_required
@require_http_methods(["GET", "POST"])
def readiness(request, pk):
    nomination = nomination_get_managed(user=request.user, pk=pk)
    context = selectors.readiness_page(nomination=nomination)
    choices = [(e.key, e.summary) for e in context["attached"]] + [
        (item.key, item.summary)
        for item in context["available"]
        if item.key not in context["attached_keys"]
    ]
    form = ReadinessEvidenceForm(
        request.POST or None,
        current=nomination.readiness,
        evidence_choices=choices,
        initial={"readiness": nomination.readiness, "evidence": sorted(context["attached_keys"])},
    )
    if request.method == "POST" and form_submit(
        request,
        form,
        lambda data: services.readiness_save(
            acting_user=person_for(request.user),
            nomination=nomination,
            readiness=data["readiness"],
            note=data["note"],
            evidence_keys=data["evidence"],
        ),
        "Readiness and its evidence saved.",
    ):
        return redirect("succession:readiness", pk=nomination.pk)
    return render(
        request,
        "succession/readiness.html",
        {
            "title": f"Readiness · {nomination.candidate.person.full_name}",
            "nomination": nomination,
            "form": form,
            "confirm_form": ConfirmForm(),
            **context,
        },
    )


@manager_required
@require_POST
def readiness_confirm(request, pk):
    nomination = nomination_get_managed(user=request.user, pk=pk)
    form = ConfirmForm(request.POST)
    if form_submit(
        request,
        form,
        lambda data: services.readiness_confirm(
            acting_user=person_for(request.user), nomination=nomination, note=data["note"]
        ),
        lambda n: (
            f"{n.get_readiness_display()} confirmed for {n.position.title} "
            f"on {timezone.localdate():%d %b %Y}."
        ),
    ):
        return redirect("succession:readiness", pk=nomination.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("succession:readiness", pk=nomination.pk)


@manager_required
@require_http_methods(["GET", "POST"])
def plan(request, pk):
    candidate = candidate_get_managed(user=request.user, pk=pk)
    suggestions = selectors.plan_suggestions(candidate=candidate)
    keys = [
        idea["key"]
        for row in suggestions["positions"]
        for gap in row["gaps"]
        for idea in gap["ideas"]
        if not idea["taken"]
    ]
    form = PlanForm(request.POST or None, keys=keys, candidate_name=candidate.person.first_name)
    if request.method == "POST":
        response = submit_once(
            request,
            form,
            lambda data: services.plan_propose(
                acting_user=person_for(request.user),
                candidate=candidate,
                picks=data["picks"],
                side=data["side"],
                due_on=data["due_on"],
            ),
            lambda made: (
                f"{len(made)} commitment{'s' if len(made) != 1 else ''} proposed on "
                f"{candidate.person.full_name}'s agreement: the sponsor decides."
            ),
            lambda _: request.path,
        )
        if response is not None:
            return response
    chosen = set(form["picks"].value() or [])
    return render(
        request,
        "succession/plan.html",
        {
            "title": f"Plan from gaps · {candidate.person.full_name}",
            "candidate": candidate,
            "form": form,
            "chosen": chosen,
            **suggestions,
        },
    )


@hr_required
def targets_index(request):
    return render(
        request,
        "succession/targets_index.html",
        {"title": "Target competency profiles", **selectors.targets_overview()},
    )


@hr_required
@require_http_methods(["GET", "POST"])
def targets_level(request, level):
    if level not in Level.values:
        raise Http404("No such level.")
    return _targets_page(request, level=level, position=None)


@hr_required
@require_http_methods(["GET", "POST"])
def targets_position(request, pk):
    position = position_get_for_user(user=request.user, pk=pk)
    return _targets_page(request, level=None, position=position)


def _targets_page(request, *, level, position):
    rows = target_profile_rows(position=position, level=level)
    form = TargetsForm(request.POST or None, rows=rows, inherits=position is not None)
    name = position.title if position else f"every {Level(level).label.lower()} position"
    if request.method == "POST" and form_submit(
        request,
        form,
        lambda _: competency_targets_save(
            acting_user=person_for(request.user),
            targets=form.targets(),
            position=position,
            level=level,
        ),
        lambda changed: f"Targets of {name} saved ({changed} changed).",
    ):
        return redirect(request.path)
    return render(
        request,
        "succession/targets.html",
        {
            "title": f"Targets · {name}",
            "form": form,
            "rows": rows,
            "position": position,
            "level": level,
            "level_label": Level(position.level if position else level).label,
            "name": name,
        },
    )
