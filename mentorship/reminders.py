"""The reminder engine's registry, and the mentorship kinds. Each kind of reminder is one
small function:

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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import reverse


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


def overdue_period(today: dt.date) -> str:
    """Overdue items are reminded once a week, not every day."""
    year, week, _ = today.isocalendar()
    return f"overdue-{year}-W{week:02}"


# --- Mentorship kinds -------------------------------------------------------------------


@reminder_kind("checkin_due")
def pairings_past_cadence(*, today: dt.date) -> Iterator[Due]:
    """An active pairing whose last meeting (or start) is older than its cadence: the
    mentor and the mentee, once per due date."""
    from candidates.selectors import overdue_checkin_q

    from .models import MentorPairing

    rows = (
        MentorPairing.objects.filter(status=MentorPairing.Status.ACTIVE)
        .filter(overdue_checkin_q(today))
        .values(
            "pk",
            "cadence_days",
            "last_met_on",
            "starts_on",
            "mentor__user_id",
            "mentor__full_name",
            "candidate__person__user_id",
            "candidate__person__full_name",
        )
        .order_by()
    )
    # Paths built once, not reversed per row: the sweep handles 100,000 pairings.
    log_meeting = reverse("mentorship:meeting_new", args=[0]).replace("/0/", "/{}/")
    my_plan = reverse("me")
    for row in rows.iterator(chunk_size=5000):
        since = row["last_met_on"] or row["starts_on"]
        due_on = since + dt.timedelta(days=row["cadence_days"])
        days = (today - since).days
        period = due_on.isoformat()
        if row["mentor__user_id"]:
            yield Due(
                recipient_id=row["mentor__user_id"],
                kind="checkin_due",
                item_key=f"pairing:{row['pk']}",
                period_key=period,
                title=f"Check-in with {row['candidate__person__full_name']} is due",
                body=(
                    f"Your last check-in was {days} days ago; you agreed to meet every "
                    f"{row['cadence_days']} days. Log the next meeting when it has happened."
                ),
                url=log_meeting.format(row["pk"]),
            )
        if row["candidate__person__user_id"]:
            yield Due(
                recipient_id=row["candidate__person__user_id"],
                kind="checkin_due",
                item_key=f"pairing:{row['pk']}",
                period_key=period,
                title=f"Time for a check-in with {row['mentor__full_name']}",
                body=f"Your last mentor meeting was {days} days ago. Suggest a date to your mentor.",
                url=my_plan,
            )


@reminder_kind("meeting_tomorrow")
def meetings_tomorrow(*, today: dt.date) -> Iterator[Due]:
    from .models import MentorPairing

    tomorrow = today + dt.timedelta(days=1)
    rows = (
        MentorPairing.objects.filter(status=MentorPairing.Status.ACTIVE, next_meeting_on=tomorrow)
        .values(
            "pk",
            "mentor__user_id",
            "mentor__full_name",
            "candidate__person__user_id",
            "candidate__person__full_name",
        )
        .order_by()
    )
    home, my_plan = reverse("mentorship:home"), reverse("me")
    for row in rows.iterator(chunk_size=5000):
        common = {
            "kind": "meeting_tomorrow",
            "item_key": f"pairing:{row['pk']}",
            "period_key": tomorrow.isoformat(),
        }
        if row["mentor__user_id"]:
            yield Due(
                recipient_id=row["mentor__user_id"],
                title=f"Mentor meeting with {row['candidate__person__full_name']} tomorrow",
                body="Look at the action items of your last meeting before you meet.",
                url=home,
                **common,
            )
        if row["candidate__person__user_id"]:
            yield Due(
                recipient_id=row["candidate__person__user_id"],
                title=f"Mentor meeting with {row['mentor__full_name']} tomorrow",
                body="Bring your progress on the action items and a case to discuss.",
                url=my_plan,
                **common,
            )
