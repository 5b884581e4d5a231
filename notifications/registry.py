"""The registry of reminder kinds. Each app declares its kinds in its own ``reminders.py``
(found at start-up by ``autodiscover_modules``, see ``apps.py``), each one small function:

    @reminder_kind("checkin_due", label="Mentor check-in due")
    def pairings_past_cadence(*, today: date) -> Iterable[Due]:
        ...

A kind answers, for a day, what is due and for whom, in a fixed number of queries
(batched, never one query per item). The sweep (``services.reminders_sweep``) records one
Notification per (recipient, kind, item, period) and hands the e-mails to Celery.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple


class Due(NamedTuple):
    """One notice due (a tuple: the sweep makes 200,000 of them at 100,000 pairings,
    and a frozen dataclass took three times as long to build)."""

    recipient_id: int  # a User id: only people with a login are reminded
    kind: str  # a registered kind
    item_key: str  # what it is about, e.g. "pairing:12"
    period_key: str  # the due period, e.g. the due date: one notice per period
    title: str
    body: str = ""
    url: str = ""  # a path in the app, e.g. "/mentorship/"


KindFinder = Callable[..., Iterable[Due]]


@dataclass(frozen=True)
class ReminderKind:
    name: str
    label: str
    find: KindFinder
    managers_only: bool = False  # about the talent process: never offered to a candidate


REGISTRY: dict[str, ReminderKind] = {}


def reminder_kind(
    name: str, *, label: str, managers_only: bool = False
) -> Callable[[KindFinder], KindFinder]:
    def register(finder: KindFinder) -> KindFinder:
        REGISTRY[name] = ReminderKind(
            name=name, label=label, find=finder, managers_only=managers_only
        )
        return finder

    return register


def kind_choices(*, managers: bool = True) -> list[tuple[str, str]]:
    """The registered kinds as form choices, in a stable order; without ``managers``,
    only those a candidate or a mentor can receive."""
    return sorted(
        (
            (kind.name, kind.label)
            for kind in REGISTRY.values()
            if managers or not kind.managers_only
        ),
        key=lambda c: c[1],
    )


def kind_label(name: str) -> str:
    kind = REGISTRY.get(name)
    return kind.label if kind else name


def collect_due(*, today: dt.date) -> list[Due]:
    found: list[Due] = []
    for kind in REGISTRY.values():
        found.extend(kind.find(today=today))
    return found


def overdue_period(today: dt.date) -> str:
    """Overdue items are reminded once a week, not every day."""
    year, week, _ = today.isocalendar()
    return f"overdue-{year}-W{week:02}"


def quoted(text: str, limit: int = 60) -> str:
    """An item named in a subject line: in quotes, whole words only ("…" when cut)."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return f"“{text}”"


def subject_fit(text: str, limit: int = 140) -> str:
    """A subject line of at most ``limit`` characters, cut between words, never inside a
    quotation: a quote the cut would open is closed ("…”"), so no subject reads as if a
    name or a commitment ended mid-word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 2].rsplit(" ", 1)[0].rstrip(",.;:")
    if cut.count("“") > cut.count("”"):
        return cut + "…”"
    return cut + "…"
