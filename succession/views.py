"""The pages of succession and readiness: key positions and a position's succession,
nominations and their readiness with its evidence, fills, follow-ups, target profiles."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from candidates.access import (
    candidate_get_managed,
    manager_required,
    may_rate_flight_risk,
    view_all_talent_required,
)
from candidates.models import Level
from candidates.views import candidate_action_page
from common.form_pages import form_page, form_submit, post_action, submit_once
from common.pagination import CountedPaginator
from common.pickers import picker_answer

from . import selectors, services
from .access import (
    decider_names,
    fill_get_for_user,
    follow_up_get_managed,
    may_decide_without_must_haves,
    may_keep_must_haves,
    must_have_get_for_user,
    nomination_get_managed,
    position_get_for_user,
    position_get_kept,
    positions_visible_to,
)
from .forms import (
    ConfirmForm,
    CoverForm,
    FillOutcomeForm,
    FollowUpDoneForm,
    MustHaveForm,
    PositionFillForm,
    PositionForm,
    ReadinessEvidenceForm,
    RemoveForm,
    RetireForm,
    StatusForm,
    SuccessorForPositionForm,
    SuccessorNominationForm,
    TargetsForm,
    WithdrawForm,
)


@manager_required
def positions(request):
    rows = selectors.positions_with_bench(actor=request.actor)
    counts = selectors.positions_counts(rows)
    page = CountedPaginator(rows, settings.PAGE_SIZE, count=counts["total"]).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.positions_page(list(page.object_list))
    return render(
        request,
        "succession/positions.html",
        {"title": "Key positions", "page": page, "at_risk": counts["at_risk"]},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def position_detail(request, pk):
    position = position_get_for_user(actor=request.actor, pk=pk)
    form = SuccessorForPositionForm(
        request.POST or None,
        candidates=selectors.successor_choices(actor=request.actor, position=position),
    )
    if picked := picker_answer(request, form):
        return picked
    if request.method == "POST":
        response = submit_once(
            request,
            form,
            lambda data: services.nomination_create(actor=request.actor, position=position, **data),
            lambda nomination: f"{nomination.candidate} nominated for {position.title}.",
            lambda _: reverse("succession:position_detail", args=[position.pk]),
        )
        if response is not None:
            return response
    return render(
        request,
        "succession/position_detail.html",
        {
            "title": position.title,
            "position": position,
            "form": form,
            "incumbent_rated_here": position.incumbent is not None
            and may_rate_flight_risk(request.actor, position.incumbent),
            "keeps_must_haves": may_keep_must_haves(request.actor, position),
            **selectors.position_page(actor=request.actor, position=position),
        },
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def position_new(request):
    return form_page(
        request,
        form=PositionForm(request.POST or None),
        call=lambda data: services.position_create(actor=request.actor, **data),
        success=lambda position: f"Key position {position.title} created.",
        done=lambda position: position.get_absolute_url(),
        template="succession/position_form.html",
        context={"title": "New key position", "position": None},
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def position_edit(request, pk):
    position = position_get_for_user(actor=request.actor, pk=pk)
    return form_page(
        request,
        form=PositionForm(request.POST or None, instance=position),
        call=lambda data: services.position_update(actor=request.actor, position=position, **data),
        success="Key position saved.",
        done=lambda saved: saved.get_absolute_url(),
        template="succession/position_form.html",
        context={
            "title": f"Edit · {position.title}",
            "position": position,
            "retire_form": RetireForm(),
        },
    )


@view_all_talent_required
@require_POST
def position_retire(request, pk):
    position = position_get_for_user(actor=request.actor, pk=pk)
    return post_action(
        request,
        RetireForm(request.POST),
        lambda data: services.position_retire(
            actor=request.actor, position=position, reason=data["reason"]
        ),
        f"{position.title} is no longer a key position; its nominations are closed.",
        done=lambda _: reverse("succession:positions"),
        back=reverse("succession:position_edit", args=[position.pk]),
    )


@manager_required
@require_http_methods(["GET", "POST"])
def position_must_haves(request, pk):
    """HR and the position's owner list what a successor must have shown."""
    position = position_get_kept(actor=request.actor, pk=pk)
    here = reverse("succession:must_haves", args=[position.pk])
    return form_page(
        request,
        form=MustHaveForm(request.POST or None),
        call=lambda data: services.must_have_create(actor=request.actor, position=position, **data),
        success=lambda must_have: f"Must-have added: {must_have.behaviour}.",
        done=lambda _: here,
        template="succession/must_haves.html",
        context={
            "title": f"Must-haves · {position.title}",
            "position": position,
            "must_haves": selectors.must_haves_listed(position_id=position.pk),
        },
    )


@manager_required
@require_http_methods(["GET", "POST"])
def position_cover(request, pk):
    """HR and the position's owner name who acts in the seat for its first weeks."""
    position = position_get_kept(actor=request.actor, pk=pk)
    return form_page(
        request,
        form=CoverForm(request.POST or None, instance=position),
        call=lambda data: services.position_cover_set(
            actor=request.actor, position=position, **data
        ),
        success=lambda saved: (
            f"{saved.acting_cover.full_name} covers {saved.title} from "
            f"{saved.cover_from:%-d %b %Y}."
            if saved.acting_cover
            else f"No acting cover named for {saved.title}."
        ),
        done=lambda saved: saved.get_absolute_url(),
        template="succession/position_cover.html",
        context={"title": f"Acting cover · {position.title}", "position": position},
    )


@manager_required
def coverage(request):
    """Per time zone, the key positions that one person leaving would leave with no
    ready-now successor and no acting cover."""
    return render(
        request,
        "succession/coverage.html",
        {"title": "Coverage by time zone", **selectors.coverage(actor=request.actor)},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def must_have_edit(request, pk):
    must_have = must_have_get_for_user(actor=request.actor, pk=pk)
    position = must_have.position
    return form_page(
        request,
        form=MustHaveForm(request.POST or None, instance=must_have),
        call=lambda data: services.must_have_update(
            actor=request.actor, must_have=must_have, **data
        ),
        success="Must-have saved.",
        done=lambda _: reverse("succession:must_haves", args=[position.pk]),
        template="succession/must_have_form.html",
        context={
            "title": f"Edit must-have · {position.title}",
            "position": position,
            "must_have": must_have,
        },
    )


@manager_required
@require_POST
def must_have_remove(request, pk):
    must_have = must_have_get_for_user(actor=request.actor, pk=pk)
    back = reverse("succession:must_haves", args=[must_have.position_id])
    return post_action(
        request,
        RemoveForm(request.POST),
        lambda _: services.must_have_remove(actor=request.actor, must_have=must_have),
        f"Must-have removed: {must_have.behaviour}.",
        done=lambda _: back,
        back=back,
    )


@manager_required
@require_http_methods(["GET", "POST"])
def nominate_successor(request, pk):
    candidate = candidate_get_managed(actor=request.actor, pk=pk)
    form = SuccessorNominationForm(
        request.POST or None,
        positions=selectors.positions_within_reach(actor=request.actor, candidate=candidate),
    )
    return candidate_action_page(
        request,
        candidate=candidate,
        form=form,
        heading="Nominate as successor",
        submit="Nominate",
        service=lambda data: services.nomination_create(
            actor=request.actor, candidate=candidate, **data
        ),
        success="Successor nomination saved.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def change_status(request, pk):
    candidate = candidate_get_managed(actor=request.actor, pk=pk)
    form = StatusForm(
        request.POST or None,
        current=candidate.status,
        positions=positions_visible_to(request.actor).order_by("title"),
    )
    return candidate_action_page(
        request,
        candidate=candidate,
        form=form,
        heading="Change status",
        submit="Change status",
        service=lambda data: services.candidate_status_change(
            actor=request.actor, candidate=candidate, **data
        ),
        success="Status changed.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def follow_up_done(request, pk):
    follow_up = follow_up_get_managed(actor=request.actor, pk=pk)
    form = FollowUpDoneForm(request.POST or None)
    return candidate_action_page(
        request,
        candidate=follow_up.candidate,
        form=form,
        heading=follow_up.description,
        submit="Mark done",
        service=lambda data: services.follow_up_complete(
            actor=request.actor, follow_up=follow_up, **data
        ),
        success="Follow-up done.",
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def position_fill(request, pk):
    """HR records someone from outside the pool taking a key position."""
    position = position_get_for_user(actor=request.actor, pk=pk)
    form = PositionFillForm(request.POST or None)
    return form_page(
        request,
        form=form,
        call=lambda data: services.position_fill_record(
            actor=request.actor,
            position=position,
            person=data["email"],
            filled_on=data["filled_on"],
            note=data["note"],
        ),
        success=lambda fill: f"{fill.person} recorded as the new {position.title}.",
        done=lambda _: position.get_absolute_url(),
        template="succession/position_fill.html",
        context={"title": f"Filled from outside · {position.title}", "position": position},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def fill_outcome(request, pk):
    """How the newcomer in a filled seat is doing, at 6, 12 and 18 months: their
    managers in line and HR answer (and correct an answer)."""
    fill = fill_get_for_user(actor=request.actor, pk=pk)
    today = timezone.localdate()
    due = services.checkpoints_due(fill, today=today)
    owed = services.checkpoints_owed(fill, today=today)
    # The oldest owed answer first; all answered, the latest to correct.
    first = owed[0] if owed else (due[-1] if due else None)
    form = FillOutcomeForm(request.POST or None, due=due, initial={"at_months": first})
    return form_page(
        request,
        form=form,
        call=lambda data: services.fill_outcome_record(actor=request.actor, fill=fill, **data),
        success=lambda answer: (
            f"{fill.person} at {answer.at_months} months: {answer.get_outcome_display().lower()}."
        ),
        done=lambda _: reverse("succession:fill_outcome", args=[fill.pk]),
        template="succession/fill_outcome.html",
        context={
            "title": f"How it turned out · {fill.position.title}",
            "fill": fill,
            "due": due,
            "answers": sorted(fill.outcomes.all(), key=lambda o: o.at_months),
            "next_on": services.next_checkpoint_on(fill, today=today),
        },
    )


@manager_required
@require_http_methods(["GET", "POST"])
def readiness(request, pk):
    nomination = nomination_get_managed(actor=request.actor, pk=pk)
    context = selectors.readiness_page(nomination=nomination)
    choices = [(e.key, e.summary) for e in context["attached"]] + [
        (item.key, item.summary)
        for item in context["available"]
        if item.key not in context["attached_keys"]
    ]
    may_decide = bool(context["must_haves"]) and may_decide_without_must_haves(
        request.actor, nomination
    )
    form = ReadinessEvidenceForm(
        request.POST or None,
        current=nomination.readiness,
        evidence_choices=choices,
        may_decide=may_decide,
        initial={"readiness": nomination.readiness, "evidence": sorted(context["attached_keys"])},
    )
    if request.method == "POST" and form_submit(
        request,
        form,
        lambda data: services.readiness_save(
            actor=request.actor,
            nomination=nomination,
            readiness=data["readiness"],
            note=data["note"],
            evidence_keys=data["evidence"],
            override_reason=data.get("override_reason", ""),
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
            "withdraw_form": WithdrawForm(),
            "deciders": decider_names(nomination) if context["must_haves"] else "",
            **context,
        },
    )


@manager_required
@require_POST
def readiness_confirm(request, pk):
    nomination = nomination_get_managed(actor=request.actor, pk=pk)
    readiness_page = reverse("succession:readiness", args=[nomination.pk])
    return post_action(
        request,
        ConfirmForm(request.POST),
        lambda data: services.nomination_confirm_readiness(
            actor=request.actor, nomination=nomination, note=data["note"]
        ),
        lambda n: (
            f"{n.get_readiness_display()} confirmed for {n.position.title} "
            f"on {timezone.localdate():%d %b %Y}."
        ),
        done=lambda _: readiness_page,
        back=readiness_page,
    )


@manager_required
@require_POST
def nomination_withdraw(request, pk):
    nomination = nomination_get_managed(actor=request.actor, pk=pk)

    def done(n) -> str:
        # Back to the position while it is still in sight (a manager may see it only
        # through this nomination), else to the candidate.
        if positions_visible_to(request.actor).filter(pk=n.position_id).exists():
            return n.position.get_absolute_url()
        return n.candidate.get_absolute_url()

    return post_action(
        request,
        WithdrawForm(request.POST),
        lambda data: services.nomination_withdraw(
            actor=request.actor, nomination=nomination, reason=data["reason"]
        ),
        lambda n: (
            f"{n.candidate.person.full_name} is no longer a successor for {n.position.title}."
        ),
        done=done,
        back=reverse("succession:readiness", args=[nomination.pk]),
    )


@view_all_talent_required
def targets_index(request):
    return render(
        request,
        "succession/targets_index.html",
        {"title": "Target competency profiles", **selectors.targets_overview()},
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def targets_level(request, level):
    if level not in Level.values:
        raise Http404("No such level.")
    return _targets_page(request, level=level, position=None)


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def targets_position(request, pk):
    position = position_get_for_user(actor=request.actor, pk=pk)
    return _targets_page(request, level=None, position=position)


def _targets_page(request, *, level, position):
    rows = selectors.target_profile_rows(position=position, level=level)
    form = TargetsForm(request.POST or None, rows=rows, inherits=position is not None)
    name = position.title if position else f"every {Level(level).label.lower()} position"
    if request.method == "POST" and form_submit(
        request,
        form,
        lambda _: services.competency_targets_save(
            actor=request.actor,
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
