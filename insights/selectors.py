"""Reads of the insight log: the log with its filters, and the monthly count of insights
and their fate for /reports/."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from candidates.access import in_line_q
from common.actor import Actor
from common.dates import months_after

from .models import Insight, ProductArea


def insights_log(
    *, actor: Actor, area: int | None = None, status: str = "", mine: bool = False, query=""
) -> QuerySet[Insight]:
    """The log, newest first, filtered (an area, a state, "raised by me", words)."""
    insights = Insight.objects.select_related("area__owner", "raised_by").order_by(
        "-raised_on", "-pk"
    )
    if area:
        insights = insights.filter(area_id=area)
    if status == "open":
        insights = insights.filter(status=Insight.Status.NEW)
    elif status in Insight.Status.values:
        insights = insights.filter(status=status)
    if mine:
        insights = insights.filter(raised_by_id=actor.person_id or 0)
    for word in query.split():
        insights = insights.filter(Q(title__icontains=word) | Q(observed__icontains=word))
    return insights


def waiting_for_me(*, actor: Actor) -> QuerySet[Insight]:
    """Insights of the areas the actor owns that nobody has answered yet."""
    return (
        Insight.objects.filter(area__owner_id=actor.person_id or 0, status=Insight.Status.NEW)
        .select_related("area", "raised_by")
        .order_by("raised_on", "pk")
    )


def areas_active() -> QuerySet[ProductArea]:
    return ProductArea.objects.filter(is_active=True).select_related("owner").order_by("name")


def insights_by_month(*, actor: Actor, months: int = 12, today: dt.date) -> list[dict]:
    """For each of the last ``months`` months: insights raised by the actor's line (HR:
    everyone), and what became of them so far (one grouped query)."""
    first = months_after(today.replace(day=1), -(months - 1))
    rows = (
        Insight.objects.filter(in_line_q(actor, "raised_by__"), raised_on__gte=first)
        .annotate(month=TruncMonth("raised_on"))
        .values("month", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[dt.date, dict[str, int]] = {}
    for row in rows:
        month = row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]
        counts.setdefault(month, {})[row["status"]] = row["n"]
    table = []
    for i in range(months):
        month = months_after(first, i)
        fate = counts.get(month, {})
        table.append(
            {
                "month": month,
                "raised": sum(fate.values()),
                **{status: fate.get(status, 0) for status in Insight.Status.values},
            }
        )
    return table
