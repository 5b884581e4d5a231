"""The reminder engine's registry. Each kind of reminder is one small function:

    @reminder_kind(Notification.Kind.CHECKIN_DUE)
    def pairings_past_cadence(*, today: date) -> Iterable[Due]:
        ...

It answers, for a day, what is due and for whom, in a fixed number of queries (batched,
never one query per item). Apps register their kinds in ``<app>/reminders.py``; the sweep
(``mentorship.services.reminders_sweep``) imports them all, records one Notification per
(recipient, kind, item, period) and hands the e-mails to Celery.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass(frozen=True)
class Due:
    recipient_id: int  # a User id: only people with a login are reminded
    kind: str  # a Notification.Kind value
    item_key: str  # what it is about, e.g. "pairing:12"
    period_key: str  # the due period, e.g. the due date: one notice per period
    title: str
    body: str = ""
    url: str = ""  # a path in the app, e.g. "/mentorship/"


KindFinder = Callable[..., Iterable[Due]]
REGISTRY: dict[str, KindFinder] = {}


def reminder_kind(kind: str) -> Callable[[KindFinder], KindFinder]:
    def register(finder: KindFinder) -> KindFinder:
        REGISTRY[str(kind)] = finder
        return finder

    return register


def discover_reminder_kinds() -> dict[str, KindFinder]:
    """Import ``reminders`` of every installed project app so its kinds register."""
    for config in apps.get_app_configs():
        module_name = f"{config.name}.reminders"
        if find_spec(config.name) and find_spec(module_name) is not None:
            import_module(module_name)
    return REGISTRY


def collect_due(*, today: dt.date) -> list[Due]:
    found: list[Due] = []
    for finder in discover_reminder_kinds().values():
        found.extend(finder(today=today))
    return found
