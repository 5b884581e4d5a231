"""Talent reviews (/reviews/): the list, a new review, the agenda, the board, one
candidate in the review, and "what moved". Managers and HR only; everything out of
reach is 404 (``access.py``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from candidates.access import manager_required, people_managed_by
from candidates.models import Candidate
from common.form_pages import form_page, form_submit, submit_once
from common.pickers import picker_answer
from succession.access import positions_visible_to

from . import calibration, selectors, services
from .access import (
    entries_visible,
    entry_get_for_user,
    review_get_for_user,
    reviews_listed,
)
from .forms import (
    ActionForm,
    AgendaAddForm,
    FlightRiskForm,
    MoveForm,
    NoteForm,
    ReadinessMoveForm,
    ReviewEditForm,
    ReviewForm,
)
from .models import TalentReview


@manager_required
def review_list(request):
    page = Paginator(selectors.reviews_list(reviews_listed(request.actor)), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "reviews/list.html", {"page": page, "title": "Talent reviews"})


@manager_required
@require_http_methods(["GET", "POST"])
def review_new(request):
    me = request.actor.person
    managers = services.review_managers()
    # The scope's head: a manager of the actor's line, or the user.
    heads = managers.filter(Q(pk__in=people_managed_by(request.actor)) | Q(pk=me.pk if me else 0))
    facilitators = managers.filter(Q(pk__in=services.view_all_people()) | Q(pk__in=heads))
    form = ReviewForm(
        request.POST or None,
        initial={
            "scope": "line",
            "scope_head": me.pk if me and not request.actor.view_all_talent else None,
            "facilitator": me.pk if me else None,
            "held_on": timezone.localdate(),
        },
        heads=heads,
        positions=positions_visible_to(request.actor).order_by("title"),
        facilitators=facilitators,
        participants=managers,
    )
    return form_page(
        request,
        form=form,
        call=lambda data: services.review_create(actor=request.actor, **data),
        success=lambda review: (
            f"Review created with {review.agenda.count()} candidates on the agenda. "
            "Adjust it, then start it in the meeting."
        ),
        done=lambda review: review.get_absolute_url(),
        template="reviews/form.html",
        context={"title": "New talent review", "heading": "New talent review"},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def review_edit(request, pk):
    review = review_get_for_user(actor=request.actor, pk=pk, need="facilitate")
    form = ReviewEditForm(
        request.POST or None,
        initial={
            "name": review.name,
            "held_on": review.held_on,
            "participants": list(review.participants.all()),
            "top_box_guideline": review.top_box_guideline,
        },
        participants=services.review_managers(),
    )
    return form_page(
        request,
        form=form,
        call=lambda data: services.review_update(actor=request.actor, review=review, **data),
        success="Review updated.",
        done=lambda review: review.get_absolute_url(),
        template="reviews/form.html",
        context={"title": f"Edit {review.name}", "heading": "Edit review", "review": review},
    )


@manager_required
def review_detail(request, pk):
    review = review_get_for_user(actor=request.actor, pk=pk)
    addable = None
    if review.permissions.facilitate:
        addable = selectors.candidates_to_add(
            actor=request.actor, review=review, query=request.GET.get("q", "").strip()[:100]
        )
    return render(
        request,
        "reviews/detail.html",
        {
            "title": review.name,
            "review": review,
            "page": selectors.agenda(
                actor=request.actor, review=review, page=request.GET.get("page")
            ),
            "permissions": review.permissions,
            "participants": review.participants.order_by("full_name"),
            "addable": addable,
        },
    )


def _facilitator_post(request, pk, action, success):
    """Run a facilitator's action on the review; its refusal becomes a message."""
    review = review_get_for_user(actor=request.actor, pk=pk, need="facilitate")
    try:
        result = action(review)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return review, None
    messages.success(request, success)
    return review, result


@manager_required
@require_POST
def agenda_add(request, pk):
    review = review_get_for_user(actor=request.actor, pk=pk, need="facilitate")
    form = AgendaAddForm(
        request.POST, candidates=selectors.candidates_addable(actor=request.actor, review=review)
    )
    if not form_submit(
        request,
        form,
        lambda data: services.agenda_add(actor=request.actor, review=review, **data),
        lambda entry: f"{entry.candidate.person} added to the agenda.",
    ):
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(review.get_absolute_url())


@manager_required
@require_POST
def agenda_remove(request, pk, entry_pk):
    review = review_get_for_user(actor=request.actor, pk=pk, need="facilitate")
    entry = entry_get_for_user(actor=request.actor, review=review, pk=entry_pk)
    try:
        services.agenda_remove(actor=request.actor, review=review, entry=entry)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{entry.candidate.person} taken off the agenda.")
    return redirect(review.get_absolute_url())


@manager_required
@require_POST
def review_start(request, pk):
    review, started = _facilitator_post(
        request,
        pk,
        lambda r: services.review_start(actor=request.actor, review=r),
        "The review is in progress: the board is open for moves.",
    )
    return redirect("reviews:board" if started else "reviews:detail", review.pk)


@manager_required
@require_POST
def review_close(request, pk):
    review, closed = _facilitator_post(
        request,
        pk,
        lambda r: services.review_close(actor=request.actor, review=r),
        "The review is closed. Participants got the summary.",
    )
    return redirect("reviews:moved" if closed else "reviews:detail", review.pk)


@manager_required
@require_POST
def review_delete(request, pk):
    review, _ = _facilitator_post(
        request,
        pk,
        lambda r: services.review_delete(actor=request.actor, review=r),
        "The draft review is deleted.",
    )
    if TalentReview.objects.filter(pk=review.pk).exists():
        return redirect(review.get_absolute_url())
    return redirect("reviews:list")


@manager_required
def review_board(request, pk):
    review = review_get_for_user(actor=request.actor, pk=pk)
    return render(
        request,
        "reviews/board.html",
        {
            "title": f"Board · {review.name}",
            "review": review,
            "permissions": review.permissions,
            **selectors.board(actor=request.actor, review=review),
            "calibration": calibration.calibration_checks(
                Candidate.objects.filter(
                    pk__in=entries_visible(actor=request.actor, review=review).values(
                        "candidate_id"
                    )
                ),
                today=timezone.localdate(),
            ),
        },
    )


@manager_required
@require_http_methods(["GET", "POST"])
def review_entry(request, pk, entry_pk):
    # Anyone who sees the candidate in the review reads the page; changes are for the
    # facilitator and participants while it runs.
    need = "calibrate" if request.method == "POST" else None
    review = review_get_for_user(actor=request.actor, pk=pk, need=need)
    entry = entry_get_for_user(actor=request.actor, review=review, pk=entry_pk)
    detail = selectors.entry_detail(entry=entry, review=review)
    candidate = entry.candidate
    forms = {
        "move": MoveForm(
            initial={
                "cell": f"{candidate.performance}-{candidate.potential}",
                "seen_rating": detail["seen_rating"],
            }
        ),
        "flight": FlightRiskForm(
            initial={"flight_risk": candidate.flight_risk, "seen_rating": detail["seen_rating"]}
        ),
        "note": NoteForm(initial={"note": entry.note}),
        "action": ActionForm(
            positions=positions_visible_to(request.actor).order_by("title"),
        ),
    }
    if picked := picker_answer(request, forms["action"]):
        return picked
    readiness_forms = {
        n.pk: ReadinessMoveForm(
            prefix=f"n{n.pk}", initial={"readiness": n.readiness, "seen_readiness": n.readiness}
        )
        for n in entry.nominations
    }
    if request.method == "POST":
        response = _entry_post(request, review, entry, forms, readiness_forms)
        if response is not None:
            return response
    for nomination in entry.nominations:
        nomination.move_form = readiness_forms[nomination.pk]
    return render(
        request,
        "reviews/entry.html",
        {
            "title": f"{candidate.person.full_name} · {review.name}",
            "review": review,
            "entry": entry,
            "candidate": candidate,
            "permissions": review.permissions,
            "forms": forms,
            **detail,
        },
    )


def _entry_post(request, review, entry, forms, readiness_forms):
    """Run the posted form of the candidate page; a redirect when it worked, None to
    show the page again with the form's errors (nothing saved)."""
    common = {"actor": request.actor, "review": review, "entry": entry}
    which = request.POST.get("form", "")
    back = (
        redirect("reviews:board", review.pk)
        if request.POST.get("next") == "board"
        else redirect(entry.get_absolute_url())
    )
    if which == "move":
        form = forms["move"] = MoveForm(request.POST)
        call, success = services.rating_move, "Moved, with the reason, in the rating history."
    elif which == "flight":
        form = forms["flight"] = FlightRiskForm(request.POST)
        call, success = services.flight_risk_change, "Flight risk changed."
    elif which == "note":
        form = forms["note"] = NoteForm(request.POST)
        call, success = services.note_save, "Note saved."
    elif which == "action":
        form = forms["action"] = ActionForm(
            request.POST, positions=positions_visible_to(request.actor).order_by("title")
        )
        call, success = services.action_add, "Decision recorded."
    elif which.startswith("readiness-") and which[10:].isdigit():
        nomination = next((n for n in entry.nominations if n.pk == int(which[10:])), None)
        if nomination is None:
            raise Http404
        form = readiness_forms[nomination.pk] = ReadinessMoveForm(
            request.POST, prefix=f"n{nomination.pk}"
        )
        common["nomination"] = nomination
        call, success = services.readiness_change, "Readiness changed."
    else:
        raise Http404
    if which == "action":  # a one-time token: a double click records one decision
        return submit_once(
            request, form, lambda data: call(**common, **data), success, lambda _: request.path
        )
    if form_submit(request, form, lambda data: call(**common, **data), success):
        return back
    if request.POST.get("next") == "board":
        messages.error(request, "The move was not saved: see below.")
    return None


@manager_required
def review_moved(request, pk):
    review = review_get_for_user(actor=request.actor, pk=pk)
    if review.state != TalentReview.State.CLOSED:
        messages.info(request, "“What moved” is written when the review closes.")
        return redirect(review.get_absolute_url())
    return render(
        request,
        "reviews/moved.html",
        {
            "title": f"What moved · {review.name}",
            "review": review,
            **selectors.what_moved(actor=request.actor, review=review),
        },
    )
