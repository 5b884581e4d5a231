"""The programme's health as the reports page shows it: per month, every series summed
over the rows the actor may see (their line's candidates and nominations, the key
positions visible to them), in a fixed number of queries whatever the history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Q, Sum

from candidates.access import line_paths_q
from common.actor import Actor
from succession.access import positions_visible_to
from succession.models import KeyPosition, Readiness

from .models import CandidateMonth, NominationMonth, PositionMonth, ProgrammeMonth

MONTHS_SHOWN = 24


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    unit: str = ""  # "%" for rates, "days" for durations
    per_position: bool = True  # has a meaning for one position


SERIES = [
    Series("ready_now", "Successors ready now"),
    Series("ready_1_2", "Successors ready in 1–2 years"),
    Series("ready_3_5", "Successors ready in 3–5 years"),
    Series("stale", "Stale readiness"),
    Series("positions", "Key positions"),
    Series("positions_ready_now", "Positions with a ready-now successor"),
    Series("positions_fresh_ready_now", "Positions with a current ready-now successor"),
    Series("fills_from_pool", "Positions filled by graduates"),
    Series("fills_from_outside", "Positions filled from outside"),
    Series("internal_fill_rate", "Internal fill rate, last 12 months", "%"),
    Series("days_ready_now", "Time at ready now (mean)", "days"),
    Series("days_ready_1_2", "Time at 1–2 years (mean)", "days"),
    Series("days_ready_3_5", "Time at 3–5 years (mean)", "days"),
    Series("pool_active", "Active candidates", per_position=False),
    Series("graduations", "Graduations", per_position=False),
    Series("exits", "Exits", per_position=False),
    Series("pairings", "Active mentor pairings", per_position=False),
    Series("pairings_on_cadence", "Pairings meeting their cadence", per_position=False),
    Series("agreements", "Open agreements", per_position=False),
    Series("agreements_on_track", "Agreements on track", per_position=False),
]
SERIES_BY_KEY = {s.key: s for s in SERIES}

# The charts: which series go together.
CHARTS = [
    ("bench", "Bench strength", ["ready_now", "ready_1_2", "ready_3_5", "stale"]),
    (
        "coverage",
        "Ready-now coverage",
        ["positions", "positions_ready_now", "positions_fresh_ready_now"],
    ),
    ("fills", "Fills", ["fills_from_pool", "fills_from_outside"]),
    ("time", "Time at each readiness", ["days_ready_now", "days_ready_1_2", "days_ready_3_5"]),
    ("pool", "Pool movement", ["pool_active", "graduations", "exits"]),
    (
        "cadence",
        "Mentoring and agreements",
        ["pairings", "pairings_on_cadence", "agreements", "agreements_on_track"],
    ),
]


def _figures_by_month(*, actor: Actor, ids: list[int], position: KeyPosition | None) -> dict:
    """Every series of each month, summed over the rows in the actor's line (one grouped
    query per kind of snapshot row)."""
    line = line_paths_q(actor)
    nominations = NominationMonth.objects.filter(line, month_id__in=ids)
    positions = PositionMonth.objects.filter(
        month_id__in=ids, position__in=positions_visible_to(actor).values("pk")
    )
    if position is not None:
        nominations = nominations.filter(position=position)
        positions = positions.filter(position=position)
    by_month = {pk: {} for pk in ids}
    grouped = [
        nominations.values("month_id").annotate(
            ready_now=Count("pk", filter=Q(readiness=Readiness.READY_NOW)),
            ready_1_2=Count("pk", filter=Q(readiness=Readiness.ONE_TO_TWO_YEARS)),
            ready_3_5=Count("pk", filter=Q(readiness=Readiness.THREE_TO_FIVE_YEARS)),
            stale=Count("pk", filter=Q(is_stale=True)),
            days_ready_now=Avg("days_at_readiness", filter=Q(readiness=Readiness.READY_NOW)),
            days_ready_1_2=Avg("days_at_readiness", filter=Q(readiness=Readiness.ONE_TO_TWO_YEARS)),
            days_ready_3_5=Avg(
                "days_at_readiness", filter=Q(readiness=Readiness.THREE_TO_FIVE_YEARS)
            ),
        ),
        positions.values("month_id").annotate(
            positions=Count("pk"),
            positions_ready_now=Count("pk", filter=Q(ready_now__gt=0)),
            positions_fresh_ready_now=Count("pk", filter=Q(ready_now_fresh__gt=0)),
            fills_from_pool=Sum("fills_from_pool"),
            fills_from_outside=Sum("fills_from_outside"),
        ),
    ]
    if position is None:  # the pool's series are not kept per position
        grouped.append(
            CandidateMonth.objects.filter(line, month_id__in=ids)
            .values("month_id")
            .annotate(
                pool_active=Count("pk", filter=Q(status="active")),
                graduations=Count("pk", filter=Q(graduated=True)),
                exits=Count("pk", filter=Q(exited=True)),
                pairings=Count("pk", filter=Q(pairing_active=True)),
                pairings_on_cadence=Count("pk", filter=Q(pairing_on_cadence=True)),
                agreements=Count("pk", filter=Q(agreement_open=True)),
                agreements_on_track=Count("pk", filter=Q(agreement_on_track=True)),
            )
        )
    for rows in grouped:
        for row in rows.order_by():
            by_month[row.pop("month_id")].update(row)
    return by_month


def _health_table(months: list, by_month: dict, shown: list[Series]) -> list[dict]:
    """One row per month with every series shown, the internal fill rate over the
    twelve months up to it."""
    table = []
    for index, month in enumerate(months):
        figures = by_month[month.pk]
        year = [by_month[m.pk] for m in months[max(0, index - 11) : index + 1]]
        pool = sum(f.get("fills_from_pool") or 0 for f in year)
        outside = sum(f.get("fills_from_outside") or 0 for f in year)
        figures["internal_fill_rate"] = (
            round(100 * pool / (pool + outside)) if pool + outside else None
        )
        row = {}
        for series in shown:
            value = figures.get(series.key)
            if series.unit == "days" and value is not None:
                value = round(value)
            row[series.key] = value if value is not None or series.unit else 0
        table.append({"month": month, "figures": row})
    return table


def programme_health(*, actor: Actor, position: KeyPosition | None = None) -> dict:
    """The last MONTHS_SHOWN months, oldest first, each with every series. Four queries:
    months, nominations, candidates, positions."""
    months = list(ProgrammeMonth.objects.order_by("-month")[:MONTHS_SHOWN])[::-1]
    by_month = _figures_by_month(actor=actor, ids=[m.pk for m in months], position=position)
    shown = [s for s in SERIES if position is None or s.per_position]
    table = _health_table(months, by_month, shown)
    keys = {s.key for s in shown}
    charts = [
        {
            "key": key,
            "script_id": f"chart-data-{key}",
            "title": title,
            "labels": [f"{m.month:%b %Y}" for m in months],
            "series": [
                {"label": SERIES_BY_KEY[k].label, "data": [r["figures"][k] for r in table]}
                for k in members
                if k in keys
            ],
        }
        for key, title, members in CHARTS
        if any(k in keys for k in members)
    ]
    return {
        "months": months,
        "table": table,
        "rows": [
            {"series": series, "values": [r["figures"][series.key] for r in table]}
            for series in shown
        ],
        "series": shown,
        "charts": charts,
        "latest": table[-1] if table else None,
    }
