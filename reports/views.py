"""/reports/: the programme's health over time, for managers (their line) and HR."""

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from audit import record as audit
from candidates.access import manager_required, positions_visible_to

from . import selectors


def _position_filter(request):
    """The ``position`` filter: a key position the viewer may see, or none (said)."""
    raw = request.GET.get("position", "")
    if not raw:
        return None
    position = positions_visible_to(request.user).filter(pk=raw).first() if raw.isdigit() else None
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
            "positions": positions_visible_to(request.user)
            .order_by("title")
            .values_list("pk", "title"),
            **selectors.programme_health(user=request.user, position=position),
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
    report = selectors.programme_health(user=request.user, position=position)
    audit.mark(
        request,
        audit.What.EXPORT,
        label=f"Programme health CSV: {series.label}"
        + (f" ({position.title})" if position else ""),
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    scope = f"-position-{position.pk}" if position else ""
    response["Content-Disposition"] = (
        f'attachment; filename="{key}{scope}-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(
        audit.csv_row(
            ["month", "as of", series.label + (f" ({series.unit})" if series.unit else "")]
        )
    )
    for row in report["table"]:
        value = row["figures"][key]
        writer.writerow(
            audit.csv_row(
                [f"{row['month'].month:%Y-%m}", row["month"].as_of, "" if value is None else value]
            )
        )
    return response
