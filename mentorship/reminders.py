"""Reminder kinds of mentorship: check-ins past their cadence, meetings tomorrow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from notifications.registry import Due, reminder_kind

from .models import MentorPairing
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
    meetings = reverse("mentorship:pairing_meetings", args=[0]).replace("/0/", "/{}/")
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
                url=meetings.format(row["pk"]),
                **common,
            )
        if row["candidate__person__user_id"]:
            yield Due(
                recipient_id=row["candidate__person__user_id"],
                title=f"Mentor meeting with {row['mentor__full_name']} tomorrow",
                body="Bring your progress on the action items and a case to discuss.",
                url=meetings.format(row["pk"]),
                **common,
            )
