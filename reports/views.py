"""/reports/: the programme's health over time, for managers (their line) and HR."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from audit import record as audit
from candidates.access import manager_required
from succession.access import positions_visible_to

from . import selectors


def _position_filter(request):
    """The ``position`` filter: a key position the viewer may see, or none (said)."""
    raw = request.GET.get("position", "")
    if not raw:
        return None
    position = positions_visible_to(request.actor).filter(pk=raw).first() if raw.isdigit() else None
    if position is None:
        messages.warning(request, "Filter ignored, no such key position in your view.")
    return position


@manager_required
def health(request):
    position = _position_filter(request)
    return render(
        request,
        "reports/health.html",
        {
            "title": "Programme health",
            "position": position,
            "positions": positions_visible_to(request.actor)
            .order_by("title")
            .values_list("pk", "title"),
            **selectors.programme_health(actor=request.actor, position=position),
        },
    )


@manager_required
def series_csv(request, key):
    series = selectors.SERIES_BY_KEY.get(key)
    if series is None:
        raise Http404("No such series.")
    position = _position_filter(request)
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
