import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from supportlead.access import (
    CandidateAccess,
    candidate_for_self,
    candidate_get_for_user,
    candidates_managed_by,
    person_for,
)
from supportlead.decorators import candidate_required, manager_required

from . import selectors, services
from .forms import (
    FollowUpDoneForm,
    NominateCandidateForm,
    PoolFilterForm,
    RateForm,
    ReadinessForm,
    StatusForm,
    SuccessorForPositionForm,
    SuccessorNominationForm,
)
from .models import FollowUp, SuccessorNomination


def _filter_form(request):
    options = selectors.filter_options(user=request.user)
    form = PoolFilterForm(
        request.GET or None, departments=options["departments"], positions=options["positions"]
    )
    return form, (form.to_filters() if request.GET else selectors.PoolFilters())


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@manager_required
def pool(request):
    form, filters = _filter_form(request)
    candidates = selectors.pool_for_user(user=request.user, filters=filters)
    if request.GET.get("export") == "csv":
        return _pool_csv(candidates)
    page = Paginator(candidates, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for candidate in page.object_list:
        candidate.checkin = selectors.checkin_state(candidate, today=today)
    return render(
        request,
        "candidates/pool.html",
        {
            "title": "Talent pool",
            "form": form,
            "filters": filters,
            "page": page,
            "query": _query_without(request, "page"),
            "sort_query": _query_without(request, "page", "sort"),
            "filtered": any(v for k, v in request.GET.items() if k not in ("page", "sort")),
            "follow_ups": selectors.follow_ups_open_for_user(user=request.user)[:10],
        },
    )


class _Echo:
    def write(self, value):
        return value


CSV_HEADER = [
    "name",
    "title",
    "department",
    "level",
    "status",
    "target positions",
    "performance",
    "potential",
    "9-box",
    "flight risk",
    "mentor",
    "last check-in",
    "company commitments done/total",
    "candidate commitments done/total",
    "rotations done",
]


def _pool_csv(candidates):
    """Stream exactly the filtered rows the manager may see (chunked, constant memory)."""
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(CSV_HEADER)
        for candidate in candidates.iterator(chunk_size=500):
            yield writer.writerow(
                [
                    candidate.person.full_name,
                    candidate.person.title,
                    candidate.person.department.name,
                    candidate.person.get_level_display(),
                    candidate.get_status_display(),
                    "; ".join(
                        f"{n.position.title} ({n.get_readiness_display()})"
                        for n in candidate.active_nominations
                    ),
                    candidate.performance or "",
                    candidate.potential or "",
                    candidate.nine_box_label,
                    candidate.get_flight_risk_display(),
                    candidate.mentor_name or "",
                    candidate.last_met_on or "",
                    f"{candidate.company_done}/{candidate.company_total}",
                    f"{candidate.candidate_done}/{candidate.candidate_total}",
                    candidate.rotations_done,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="talent-pool-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@manager_required
def ninebox(request):
    form, filters = _filter_form(request)
    grid = selectors.ninebox_for_user(user=request.user, filters=filters)
    return render(
        request,
        "candidates/ninebox.html",
        {
            "title": "9-box",
            "form": form,
            "grid": grid,
            "query": _query_without(request, "page", "performance", "potential"),
            "total": sum(cell["count"] for row in grid for cell in row),
        },
    )


@manager_required
def positions(request):
    rows = selectors.positions_with_bench(user=request.user)
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "candidates/positions.html",
        {"title": "Key positions", "page": page, "at_risk": sum(1 for p in rows if p.at_risk)},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def position_detail(request, pk):
    position = selectors.position_get_for_user(user=request.user, pk=pk)
    # Active candidates below the position's level (up to three levels), not yet on its bench.
    candidates = (
        candidates_managed_by(request.user)
        .filter(
            status="active",
            person__level__lt=position.level,
            person__level__gte=position.level - 3,
        )
        .exclude(person=position.incumbent_id)
        .exclude(
            Exists(
                SuccessorNomination.objects.filter(
                    candidate=OuterRef("pk"), position=position, is_active=True
                )
            )
        )
        .select_related("person")
        .order_by("person__full_name")
    )
    form = SuccessorForPositionForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_create(
                actor=person_for(request.user),
                candidate=form.cleaned_data["candidate"],
                position=position,
                readiness=form.cleaned_data["readiness"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"{form.cleaned_data['candidate']} nominated for {position.title}."
            )
            return redirect("candidates:position_detail", pk=position.pk)
    succession = selectors.position_succession(user=request.user, position=position)
    return render(
        request,
        "candidates/position_detail.html",
        {"title": position.title, "position": position, "form": form, **succession},
    )


@login_required
def detail(request, pk):
    candidate, access = candidate_get_for_user(
        user=request.user, pk=pk, minimum=CandidateAccess.MENTOR
    )
    from candidates.development.selectors import profile_context

    confidential = access >= CandidateAccess.MANAGER
    context = {
        "title": candidate.person.full_name,
        "candidate": candidate,
        "is_manager_view": confidential,
        **selectors.candidate_profile(candidate=candidate, confidential=confidential),
    }
    context.update(profile_context(candidate=candidate, user=request.user))
    return render(request, "candidates/detail.html", context)


def _managed_candidate(request, pk):
    candidate, _ = candidate_get_for_user(user=request.user, pk=pk, minimum=CandidateAccess.MANAGER)
    return candidate


def _action_page(request, *, candidate, form, heading, submit, service, success):
    """GET shows the form; POST runs the service; errors re-render with nothing saved."""
    if request.method == "POST" and form.is_valid():
        try:
            service(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect(candidate.get_absolute_url())
    return render(
        request,
        "candidates/action.html",
        {
            "title": f"{heading} · {candidate.person.full_name}",
            "heading": heading,
            "candidate": candidate,
            "form": form,
            "submit": submit,
        },
        status=200,
    )


@manager_required
@require_http_methods(["GET", "POST"])
def rate(request, pk):
    candidate = _managed_candidate(request, pk)
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
            actor=person_for(request.user), candidate=candidate, **data
        ),
        success="Rating saved; the earlier ones stay in the history.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def nominate_successor(request, pk):
    candidate = _managed_candidate(request, pk)
    form = SuccessorNominationForm(
        request.POST or None,
        positions=selectors.positions_visible_to(request.user).order_by("title"),
    )
    return _action_page(
        request,
        candidate=candidate,
        form=form,
        heading="Nominate as successor",
        submit="Nominate",
        service=lambda data: services.nomination_create(
            actor=person_for(request.user), candidate=candidate, **data
        ),
        success="Successor nomination saved.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def change_readiness(request, pk):
    nomination = get_object_or_404(
        SuccessorNomination.objects.select_related("position", "candidate__person"),
        pk=pk,
        is_active=True,
        candidate__in=candidates_managed_by(request.user).values("pk"),
    )
    form = ReadinessForm(request.POST or None, initial={"readiness": nomination.readiness})
    return _action_page(
        request,
        candidate=nomination.candidate,
        form=form,
        heading=f"Readiness for {nomination.position.title}",
        submit="Save readiness",
        service=lambda data: services.nomination_change_readiness(
            actor=person_for(request.user), nomination=nomination, **data
        ),
        success="Readiness updated.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def change_status(request, pk):
    candidate = _managed_candidate(request, pk)
    form = StatusForm(
        request.POST or None,
        current=candidate.status,
        positions=selectors.positions_visible_to(request.user).order_by("title"),
    )
    return _action_page(
        request,
        candidate=candidate,
        form=form,
        heading="Change status",
        submit="Change status",
        service=lambda data: services.candidate_change_status(
            actor=person_for(request.user), candidate=candidate, **data
        ),
        success="Status changed.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def nominate(request):
    people = selectors.people_nominable(user=request.user)
    form = NominateCandidateForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            candidate = services.candidate_nominate(actor=person_for(request.user), **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{candidate} is now in the succession pool.")
            return redirect(candidate.get_absolute_url())
    return render(
        request,
        "candidates/nominate.html",
        {"title": "Nominate a candidate", "form": form},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def follow_up_done(request, pk):
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("candidate__person", "position"),
        pk=pk,
        done_at__isnull=True,
        candidate__in=candidates_managed_by(request.user).values("pk"),
    )
    form = FollowUpDoneForm(request.POST or None)
    return _action_page(
        request,
        candidate=follow_up.candidate,
        form=form,
        heading=follow_up.description,
        submit="Mark done",
        service=lambda data: services.follow_up_complete(
            actor=person_for(request.user), follow_up=follow_up, **data
        ),
        success="Follow-up done.",
    )


@candidate_required
def my_plan(request):
    """The candidate's home: each app adds its part (agreement first, then meetings, then
    experiences) through a ``me_context`` selector and a partial of its own."""
    from agreements.selectors import me_context as agreement_context
    from candidates.development.selectors import me_context as experience_context
    from mentorship.selectors import me_context as meeting_context

    candidate = candidate_for_self(user=request.user)
    context = {"title": "My plan", "candidate": candidate}
    for part in (agreement_context, meeting_context, experience_context):
        context.update(part(candidate=candidate, user=request.user))
    return render(request, "candidates/me.html", context)
