"""Reminder kinds of mentorship: check-ins past their cadence, meetings tomorrow."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.urls import reverse

from notifications.registry import Due, reminder_kind

from .models import ActionItem, MentorPairing
from .selectors import checkin_overdue_q


@reminder_kind("checkin_due", label="Mentor check-in due")
def pairings_past_cadence(*, today: dt.date) -> Iterator[Due]:
    """An active pairing whose last meeting (or start) is older than its cadence: the
    mentor and the mentee, once per due date."""
    rows = (
        MentorPairing.objects.filter(checkin_overdue_q(today))
        .values_list(
            "pk",
            "cadence_days",
            "checkin_due_on",
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
    for (
        pk,
        cadence,
        due_on,
        met_on,
        starts_on,
        mentor,
        mentor_name,
        mentee,
        mentee_name,
    ) in rows.iterator(chunk_size=10000):
        days = (today - (met_on or starts_on)).days
        period = due_on.isoformat()
        item = f"pairing:{pk}"
        if mentor:
            yield Due(
                mentor,
                "checkin_due",
                item,
                period,
                f"Check-in with {mentee_name} is due",
                f"Your last check-in was {days} days ago; you agreed to meet every "
                f"{cadence} days. Log the next meeting when it has happened.",
                log_meeting.format(pk),
            )
        if mentee:
            yield Due(
                mentee,
                "checkin_due",
                item,
                period,
                f"Time for a check-in with {mentor_name}",
                f"Your last mentor meeting was {days} days ago. Suggest a date to your mentor.",
                my_plan,
            )


@reminder_kind("meeting_tomorrow", label="Meeting tomorrow")
def meetings_tomorrow(*, today: dt.date) -> Iterator[Due]:
    """Both sides of a meeting set for tomorrow: when, in the recipient's own time zone
    (the time is kept in the mentor's), and the action items still open. Two queries."""
    tomorrow = today + dt.timedelta(days=1)
    rows = list(
        MentorPairing.objects.filter(status=MentorPairing.Status.ACTIVE, next_meeting_on=tomorrow)
        .values(
            "pk",
            "next_meeting_time",
            "mentor__user_id",
            "mentor__full_name",
            "mentor__time_zone",
            "candidate__person__user_id",
            "candidate__person__full_name",
            "candidate__person__time_zone",
        )
        .order_by()
    )
    open_items: dict[int, list[str]] = defaultdict(list)
    for pairing_id, description, owner, due_on in (
        ActionItem.objects.filter(
            meeting__pairing_id__in=[row["pk"] for row in rows], done_at__isnull=True
        )
        .order_by("due_on", "pk")
        .values_list("meeting__pairing_id", "description", "owner__full_name", "due_on")
    ):
        due = f", due {due_on:%d %b}" if due_on else ""
        open_items[pairing_id].append(f"- {description} ({owner}{due})")
    meetings = reverse("mentorship:pairing_meetings", args=[0]).replace("/0/", "/{}/")
    for row in rows:
        common = {
            "kind": "meeting_tomorrow",
            "item_key": f"pairing:{row['pk']}",
            "period_key": tomorrow.isoformat(),
            "url": meetings.format(row["pk"]),
        }
        items = open_items[row["pk"]]
        listed = "Action items still open:\n" + "\n".join(items[:10]) if items else ""
        for user_id, other, zone, ask in (
            (
                row["mentor__user_id"],
                row["candidate__person__full_name"],
                row["mentor__time_zone"],
                "Look at them before you meet." if items else "No action item is open.",
            ),
            (
                row["candidate__person__user_id"],
                row["mentor__full_name"],
                row["candidate__person__time_zone"],
                "Bring your progress on them and a case to discuss."
                if items
                else "No action item is open: bring a case to discuss.",
            ),
        ):
            if not user_id:
                continue
            when = _meeting_when(tomorrow, row["next_meeting_time"], row["mentor__time_zone"], zone)
            yield Due(
                recipient_id=user_id,
                title=f"Mentor meeting with {other} tomorrow{when}",
                body=f"{listed}\n{ask}" if items else ask,
                **common,
            )


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _meeting_when(day: dt.date, time: dt.time | None, kept_in: str, shown_in: str) -> str:
    """ ", 15:00 (Europe/Lisbon)": the meeting's time in the recipient's zone; "" for a
    meeting set for a day only."""
    if time is None:
        return ""
    at = dt.datetime.combine(day, time, tzinfo=_zone(kept_in)).astimezone(_zone(shown_in))
    moved = "" if at.date() == day else f" on {at:%a %d %b}"
    return f", {at:%H:%M}{moved} ({_zone(shown_in).key})"
