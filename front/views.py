"""The pages that read across apps: the talent pool (and its CSV), the 9-box, key
positions, the candidate profile, /me/, the development overview."""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from candidates import selectors as talent
from candidates import services as talent_services
from candidates.access import (
    candidate_for_self,
    candidate_required,
    manager_required,
    person_for,
    position_get_for_user,
    viewer_for,
)
from candidates.form_pages import submit_once
from candidates.forms import SuccessorForPositionForm
from development import selectors as development
from mentorship.access import candidate_get_for_user

from . import selectors


def _pool_filterset(request):
    return selectors.pool_filterset(
        user=request.user,
        data=request.GET,
        options=talent.filter_options(user=request.user),
    )


def _ignored_filters_say(request, filterset) -> None:
    for problem in filterset.ignored:
        messages.warning(request, f"Filter ignored, {problem}")


@manager_required
def pool(request):
    filterset = _pool_filterset(request)
    _ignored_filters_say(request, filterset)
    if request.GET.get("export") == "csv":
        return _pool_csv(filterset.qs)
    page = Paginator(filterset.qs, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    sort, descending = filterset.sort_key
    return render(
        request,
        "front/pool.html",
        {
            "title": "Talent pool",
            "form": filterset.form,
            "sort": sort,
            "descending": descending,
            "page": page,
            "filtered": any(v for k, v in request.GET.items() if k not in ("page", "sort")),
            "follow_ups": talent.follow_ups_open_for_user(user=request.user)[:10],
            "today": timezone.localdate(),
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
    filterset = _pool_filterset(request)
    _ignored_filters_say(request, filterset)
    grid = selectors.ninebox_grid(candidates=filterset.qs)
    return render(
        request,
        "front/ninebox.html",
        {
            "title": "9-box",
            "form": filterset.form,
            "grid": grid,
            "total": sum(cell["count"] for row in grid for cell in row),
        },
    )


@manager_required
def positions(request):
    rows = talent.positions_with_bench(user=request.user)
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "front/positions.html",
        {"title": "Key positions", "page": page, "at_risk": sum(1 for p in rows if p.at_risk)},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def position_detail(request, pk):
    position = position_get_for_user(user=request.user, pk=pk)
    form = SuccessorForPositionForm(
        request.POST or None,
        candidates=talent.successor_choices(user=request.user, position=position),
    )
    if request.method == "POST":
        response = submit_once(
            request,
            form,
            lambda data: talent_services.nomination_create(
                acting_user=person_for(request.user), position=position, **data
            ),
            lambda nomination: f"{nomination.candidate} nominated for {position.title}.",
            lambda _: reverse("front:position_detail", args=[position.pk]),
        )
        if response is not None:
            return response
    return render(
        request,
        "front/position_detail.html",
        {
            "title": position.title,
            "position": position,
            "form": form,
            "viewer": viewer_for(request.user),
            **selectors.position_page(user=request.user, position=position),
        },
    )


@login_required
def profile(request, pk):
    candidate, permissions = candidate_get_for_user(user=request.user, pk=pk)
    context = selectors.candidate_profile(candidate=candidate, permissions=permissions)
    return render(request, "front/profile.html", {"title": candidate.person.full_name, **context})


@candidate_required
def my_plan(request):
    candidate = candidate_for_self(user=request.user)
    return render(
        request, "front/me.html", {"title": "My plan", **selectors.my_plan(candidate=candidate)}
    )


@manager_required
def development_overview(request):
    page = Paginator(development.exposure_matrix(user=request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "front/development.html",
        {
            "title": "Development",
            "page": page,
            "departments": development.ROTATION_DEPARTMENTS,
            "kinds": development.EXPOSURE_KINDS,
            **development.overview(user=request.user),
        },
    )
