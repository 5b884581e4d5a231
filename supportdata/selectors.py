"""A person's support record as a leader reads it: 12 months, each figure beside the
team's median for the same month, the satisfaction figure only over enough ratings. These
figures are evidence to weigh, never a ranking: nothing here sorts or filters people."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from candidates.models import Person
from common.dates import months_before

from .models import Source, SourceState, SupportMonth, TeamMedian, UnmatchedAgent
from .services import rate
from .sources import CONNECTED

MIN_RATINGS = 20  # a satisfaction figure over fewer ratings reads "not enough ratings"
MONTHS = 12

# key, label, how it is counted: a count of the month, or a rate (part, whole...).
FIGURES = (
    ("tickets_solved", "Tickets solved", None),
    (
        "satisfaction_pct",
        "Customer satisfaction (good of rated)",
        ("satisfaction_good", "satisfaction_good", "satisfaction_bad"),
    ),
    ("escalations_resolved", "Escalations resolved (passed through 2+ groups)", None),
    ("reopen_pct", "Reopen rate", ("reopened", "tickets_solved")),
    ("sla_pct", "SLA met", ("sla_met", "sla_met", "sla_breached")),
    ("incidents_led_sev1", "Incidents led, Sev-1", None),
    ("incidents_led_sev2", "Incidents led, Sev-2", None),
    ("incidents_led_other", "Incidents led, other severities", None),
    ("incidents_responded", "Incidents responded to", None),
    ("articles", "Knowledge articles written", None),
    ("article_reuse", "Reuse of their articles", None),
)
NOT_ENOUGH = "not enough ratings"


@dataclass
class Figure:
    key: str
    label: str
    is_rate: bool
    values: list  # per month, oldest first (None: nothing to say)
    medians: list
    total: float | None  # the 12 months: a sum, or a rate over the sums
    typical_median: float | None  # the team's median month over the same 12 months
    note: str = ""

    @property
    def typical(self) -> float | None:
        """Their median month (the months with a record), to read beside the team's."""
        known = [v for v in self.values if v is not None]
        return statistics.median(known) if known else None

    @property
    def chart(self) -> str:
        return sparkline(self.values, self.medians)

    @property
    def has_data(self) -> bool:
        return any(v not in (None, 0) for v in self.values) or self.total not in (None, 0)


def sparkline(values: list, medians: list, width: int = 132, height: int = 30) -> str:
    """A small SVG: their months (solid) over the team's median (dashed). Numbers only."""
    numbers = [v for v in values + medians if v is not None]
    top = max(numbers, default=0) or 1
    step = width / max(len(values) - 1, 1)

    def points(series):
        return " ".join(
            f"{i * step:.1f},{height - 2 - (v / top) * (height - 4):.1f}"
            for i, v in enumerate(series)
            if v is not None
        )

    return format_html(
        '<svg class="sparkline" width="{}" height="{}" viewBox="0 0 {} {}" role="img" '
        'aria-label="12 months, theirs solid, the team median dashed">'
        '<polyline class="median" points="{}"/><polyline class="theirs" points="{}"/></svg>',
        width,
        height,
        width,
        height,
        mark_safe(points(medians)),  # numbers made above, nothing typed by anyone
        mark_safe(points(values)),
    )


def month_starts(today: dt.date, count: int = MONTHS) -> list[dt.date]:
    this = today.replace(day=1)
    return [months_before(this, n) for n in range(count - 1, -1, -1)]


def support_record(*, person: Person, today: dt.date, with_sources: bool = True) -> dict:
    """Their months, their department's medians (only when they have months), and the
    sources' state (for the page that names them): one to three queries."""
    months = month_starts(today)
    rows = {
        r["month"]: r
        for r in SupportMonth.objects.filter(person=person, month__gte=months[0]).values()
    }
    if not rows:
        return {
            "months": months,
            "figures": [],
            "has_record": False,
            "sources": sources_state() if with_sources else [],
        }
    medians = {
        m.month: m.figures
        for m in TeamMedian.objects.filter(
            department_id=person.department_id, month__gte=months[0]
        ).only("month", "figures")
    }
    empty = {f: 0 for f in _counted()}
    totals = {f: sum(rows.get(m, empty)[f] for m in months) for f in _counted()}
    figures = []
    for key, label, parts in FIGURES:
        team = [medians.get(m, {}).get(key) for m in months]
        known = [t for t in team if t is not None]
        typical = statistics.median(known) if known else None
        if parts is None:
            values = [rows[m][key] if m in rows else None for m in months]
            figures.append(Figure(key, label, False, values, team, totals[key], typical))
            continue
        values = [_rate(rows.get(m), parts) for m in months]
        total = rate(totals, *parts)
        note = ""
        if key == "satisfaction_pct":
            total, note = satisfaction_over(totals["satisfaction_good"], totals["satisfaction_bad"])
        figures.append(Figure(key, label, True, values, team, total, typical, note))
    return {
        "months": months,
        "figures": figures,
        "has_record": bool(rows),
        "sources": sources_state() if with_sources else [],
    }


def satisfaction_over(good: int, bad: int) -> tuple[float | None, str]:
    """Twelve months' satisfaction (good of rated, %), or None and why: the guard rail
    (``MIN_RATINGS``), the same wherever a satisfaction figure shows."""
    ratings = good + bad
    if ratings < MIN_RATINGS:
        return None, f"{NOT_ENOUGH} ({ratings} in 12 months, {MIN_RATINGS} needed)"
    return rate({"good": good, "bad": bad}, "good", "good", "bad"), ""


def _counted() -> tuple[str, ...]:
    return tuple(key for key, _, parts in FIGURES if parts is None) + (
        "satisfaction_good",
        "satisfaction_bad",
        "reopened",
        "sla_met",
        "sla_breached",
    )


def _rate(row: dict | None, parts: tuple[str, ...]) -> float | None:
    if row is None:
        return None
    if (
        parts[0] == "satisfaction_good"
        and row["satisfaction_good"] + row["satisfaction_bad"] < MIN_RATINGS
    ):
        return None  # a month's satisfaction over too few ratings says nothing
    return rate(row, *parts)


@dataclass
class SourceRow:
    key: str
    label: str
    configured: bool
    state: SourceState | None
    settings_names: tuple[str, ...]


def sources_state() -> list[SourceRow]:
    states = {s.source: s for s in SourceState.objects.all()}
    rows = [
        SourceRow(key, reader.label, reader.configured(), states.get(key), reader.settings_names)
        for key, reader in CONNECTED.items()
    ]
    rows.append(SourceRow(Source.CSV, "CSV upload", True, states.get(Source.CSV), ()))
    return rows


def unmatched_agents(limit: int = 100):
    return UnmatchedAgent.objects.all()[:limit]


def me_context(*, person: Person, today: dt.date) -> dict:
    """/me/: the person's own support record (their own work), only when there is one."""
    record = support_record(person=person, today=today, with_sources=False)
    return {"support": record} if record["has_record"] else {"support": None}
