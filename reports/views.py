"""/reports/: the programme's health over time, for managers (their line) and HR."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from audit import record as audit
from candidates.access import manager_required, talent_pool
from candidates.models import CandidateStatus
from common.pickers import picker_answer
from insights.selectors import insights_by_month
from reviews.calibration import calibration_checks
from succession.access import positions_visible_to

from . import outcomes, selectors
from .forms import PositionFilterForm


def _position_filter(request) -> tuple[PositionFilterForm, object]:
    """The ``position`` filter: a key position the actor may see, or none (said)."""
    form = PositionFilterForm(
        request.GET if request.GET.get("position") else None,
        positions=positions_visible_to(request.actor).order_by("title", "pk"),
    )
    if not form.is_bound:
        return form, None
    if not form.is_valid():
        messages.warning(request, "Filter ignored, no such key position in your view.")
        return form, None
    return form, form.cleaned_data["position"]


@manager_required
def health(request):
    form, position = _position_filter(request)
    if picked := picker_answer(request, form):
        return picked
    return render(
        request,
        "reports/health.html",
        {
            "title": "Programme health",
            "position": position,
            "form": form,
            **selectors.programme_health(actor=request.actor, position=position),
            "insights_by_month": insights_by_month(
                actor=request.actor, months=12, today=timezone.localdate()
            ),
        },
    )


@manager_required
def series_csv(request, key):
    series = selectors.SERIES_BY_KEY.get(key)
    if series is None:
        raise Http404("No such series.")
    _, position = _position_filter(request)
    if position is not None and not series.per_position:
        raise Http404("This series is not kept per position.")
    report = selectors.programme_health(actor=request.actor, position=position)
    scope = f"-position-{position.pk}" if position else ""
    return audit.csv_export(
        request.actor,
        label=f"Programme health CSV: {series.label}"
        + (f" ({position.title})" if position else ""),
        filename=f"{key}{scope}-{timezone.localdate():%Y-%m-%d}.csv",
        header=["month", "as of", series.label + (f" ({series.unit})" if series.unit else "")],
        rows=(
            [f"{row['month'].month:%Y-%m}", row["month"].as_of, row["figures"][key]]
            for row in report["table"]
        ),
    )


@manager_required
def fill_outcomes(request):
    """Did the plan come true: fills of key seats in the actor's line (HR: all), what the
    slate said of each newcomer and how they fared at 6, 12 and 18 months."""
    report = outcomes.fill_outcomes(actor=request.actor, today=timezone.localdate())
    page = Paginator(report["fills"], 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/outcomes.html",
        {"title": "Did it come true", "page": page, **report},
    )


@manager_required
def calibration(request):
    """The calibration checks over the active candidates of the actor's line (HR: all):
    the same checks a talent review's board shows over its agenda."""
    candidates = talent_pool(request.actor).filter(status=CandidateStatus.ACTIVE)
    return render(
        request,
        "reports/calibration.html",
        {
            "title": "Calibration checks",
            "calibration": calibration_checks(candidates, today=timezone.localdate()),
        },
    )
