"""The programme's health as the reports page shows it: per month, every series summed
over the rows the actor may see (their line's candidates and nominations, the key
positions visible to them), in a fixed number of queries whatever the history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

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
    Series("ready_now_decided", "Ready now by human decision (a must-have unmet)"),
    Series("positions", "Key positions"),
    Series("positions_ready_now", "Positions with a ready-now successor"),
    Series("positions_fresh_ready_now", "Positions with a current ready-now successor"),
    Series("fills_from_pool", "Positions filled by graduates"),
    Series("fills_from_outside", "Positions filled from outside"),
    Series("withdrawals", "Successor nominations withdrawn"),
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
    (
        "bench",
        "Bench strength",
        ["ready_now", "ready_1_2", "ready_3_5", "stale", "ready_now_decided"],
    ),
    (
        "coverage",
        "Ready-now coverage",
        ["positions", "positions_ready_now", "positions_fresh_ready_now"],
    ),
    ("fills", "Fills and withdrawals", ["fills_from_pool", "fills_from_outside", "withdrawals"]),
    ("time", "Time at each readiness", ["days_ready_now", "days_ready_1_2", "days_ready_3_5"]),
    ("pool", "Pool movement", ["pool_active", "graduations", "exits"]),
    (
        "cadence",
        "Mentoring and agreements",
        ["pairings", "pairings_on_cadence", "agreements", "agreements_on_track"],
    ),
]


READINESS_KEYS = {
    Readiness.READY_NOW: "ready_now",
    Readiness.ONE_TO_TWO_YEARS: "ready_1_2",
    Readiness.THREE_TO_FIVE_YEARS: "ready_3_5",
}


def _nomination_figures(rows: QuerySet) -> QuerySet:
    figures = {
        "stale": Count("pk", filter=Q(is_stale=True)),
        "ready_now_decided": Count("pk", filter=Q(human_decision=True)),
    }
    for readiness, key in READINESS_KEYS.items():
        figures[key] = Count("pk", filter=Q(readiness=readiness))
        # A sum and a count, not a mean: figures of several sets of rows add up.
        figures[f"days_sum_{key}"] = Sum("days_at_readiness", filter=Q(readiness=readiness))
    return rows.values("month_id").annotate(**figures)


def _position_figures(rows: QuerySet) -> QuerySet:
    return rows.values("month_id").annotate(
        positions=Count("pk"),
        positions_ready_now=Count("pk", filter=Q(ready_now__gt=0)),
        positions_fresh_ready_now=Count("pk", filter=Q(ready_now_fresh__gt=0)),
        fills_from_pool=Sum("fills_from_pool"),
        fills_from_outside=Sum("fills_from_outside"),
        withdrawals=Sum("withdrawals"),
    )


def _candidate_figures(rows: QuerySet) -> QuerySet:
    return rows.values("month_id").annotate(
        pool_active=Count("pk", filter=Q(status="active")),
        graduations=Count("pk", filter=Q(graduated=True)),
        exits=Count("pk", filter=Q(exited=True)),
        pairings=Count("pk", filter=Q(pairing_active=True)),
        pairings_on_cadence=Count("pk", filter=Q(pairing_on_cadence=True)),
        agreements=Count("pk", filter=Q(agreement_open=True)),
        agreements_on_track=Count("pk", filter=Q(agreement_on_track=True)),
    )


def month_totals(month_id: int) -> dict:
    """The whole organisation's figures of one month (sums and counts), kept with the
    month when its snapshot is taken (``reports.services.snapshot_take``)."""
    totals: dict = {}
    for rows in (
        _nomination_figures(NominationMonth.objects.filter(month_id=month_id)),
        _position_figures(PositionMonth.objects.filter(month_id=month_id)),
        _candidate_figures(CandidateMonth.objects.filter(month_id=month_id)),
    ):
        for row in rows.order_by():
            row.pop("month_id")
            totals.update({key: value or 0 for key, value in row.items()})
    return totals


def _gathered(by_month: dict, groups: list[QuerySet], sign: int = 1) -> None:
    for rows in groups:
        for row in rows.order_by():
            figures = by_month[row.pop("month_id")]
            for key, value in row.items():
                figures[key] = figures.get(key, 0) + sign * (value or 0)


def _figures_by_month(*, actor: Actor, months: list, position: KeyPosition | None) -> dict:
    """Every series' sums and counts of each month, over the rows the actor may see.

    Everyone's (view_all_talent, no position) is the month's kept totals less the
    actor's own rows (a candidate never counts themself): a handful of rows read by
    their reporting path, whatever the size of the organisation. A line, or one
    position, is summed from its rows (one grouped query per kind of snapshot row, each
    through an index)."""
    ids = [m.pk for m in months]
    by_month: dict = {pk: {} for pk in ids}
    if actor.view_all_talent and position is None and all(m.totals for m in months):
        for month in months:
            by_month[month.pk].update(month.totals)
        # Only a candidate has rows of their own (a nomination, a candidacy).
        own = actor.person.reporting_path if actor.person and actor.candidate else None
        if own:
            _gathered(
                by_month,
                [
                    _nomination_figures(
                        NominationMonth.objects.filter(month_id__in=ids, reporting_path=own)
                    ),
                    _candidate_figures(
                        CandidateMonth.objects.filter(month_id__in=ids, reporting_path=own)
                    ),
                ],
                sign=-1,
            )
        return by_month
    line = line_paths_q(actor)
    nominations = NominationMonth.objects.filter(line, month_id__in=ids)
    positions = PositionMonth.objects.filter(
        month_id__in=ids, position__in=positions_visible_to(actor).values("pk")
    )
    if position is not None:
        nominations = nominations.filter(position=position)
        positions = positions.filter(position=position)
    groups = [_nomination_figures(nominations), _position_figures(positions)]
    if position is None:  # the pool's series are not kept per position
        groups.append(_candidate_figures(CandidateMonth.objects.filter(line, month_id__in=ids)))
    _gathered(by_month, groups)
    return by_month


def _means(figures: dict) -> dict:
    """Each readiness's mean time at it, from its sum and count."""
    for key in READINESS_KEYS.values():
        total, count = figures.get(f"days_sum_{key}"), figures.get(key)
        figures[f"days_{key}"] = total / count if total is not None and count else None
    return figures


def _health_table(months: list, by_month: dict, shown: list[Series]) -> list[dict]:
    """One row per month with every series shown, the internal fill rate over the
    twelve months up to it."""
    table = []
    for index, month in enumerate(months):
        figures = _means(by_month[month.pk])
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
    by_month = _figures_by_month(actor=actor, months=months, position=position)
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
