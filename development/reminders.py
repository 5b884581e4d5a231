"""Reminder kinds of development experiences: trip reports, benchmark questions, rotations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from notifications.registry import Due, overdue_period, reminder_kind

from .models import BenchmarkVisit, Conference, Rotation


@reminder_kind("trip_report_due", label="Trip report due")
def trip_reports_due(*, today: dt.date) -> Iterator[Due]:
    """A trip report not written, due within 7 days or overdue: the candidate."""
    rows = (
        Conference.objects.filter(
            report_submitted_at__isnull=True,
            trip_report_due_on__lte=today + dt.timedelta(days=7),
            candidate__status="active",
        )
        .values("pk", "name", "trip_report_due_on", "candidate__person__user_id")
        .order_by()
    )
    for row in rows.iterator(chunk_size=5000):
        if not row["candidate__person__user_id"]:
            continue
        overdue = row["trip_report_due_on"] < today
        yield Due(
            recipient_id=row["candidate__person__user_id"],
            kind="trip_report_due",
            item_key=f"conference:{row['pk']}",
            period_key=overdue_period(today) if overdue else row["trip_report_due_on"].isoformat(),
            title=(
                f"Your trip report on {row['name']} "
                + ("is overdue" if overdue else f"is due on {row['trip_report_due_on']:%d %b}")
            ),
            body=f"Due on {row['trip_report_due_on']:%d %b %Y}: what you learned, ideas, recommendations.",
            url=reverse("development:conference_detail", args=[row["pk"]]),
        )


@reminder_kind("benchmark_questions", label="Benchmark questions missing")
def benchmark_questions_missing(*, today: dt.date) -> Iterator[Due]:
    """A benchmark visit within 7 days without prepared questions: the candidate."""
    rows = (
        BenchmarkVisit.objects.filter(
            questions="",
            visit_on__gt=today,
            visit_on__lte=today + dt.timedelta(days=7),
        )
        .values("pk", "company", "visit_on", "candidate__person__user_id")
        .order_by()
    )
    for row in rows.iterator(chunk_size=5000):
        if not row["candidate__person__user_id"]:
            continue
        yield Due(
            recipient_id=row["candidate__person__user_id"],
            kind="benchmark_questions",
            item_key=f"benchmark:{row['pk']}",
            period_key=row["visit_on"].isoformat(),
            title=f"Your visit to {row['company']} on {row['visit_on']:%d %b}: prepare your questions",
            body=f"The visit is on {row['visit_on']:%d %b %Y}; write the questions you will ask.",
            url=reverse("development:benchmark_detail", args=[row["pk"]]),
        )


@reminder_kind("rotation_ending", label="Rotation ending without an assessment")
def rotations_ending(*, today: dt.date) -> Iterator[Due]:
    """A rotation ending within 14 days without an assessment: the host sponsor."""
    rows = (
        Rotation.objects.filter(
            status__in=(Rotation.Status.PLANNED, Rotation.Status.RUNNING),
            assessed_on__isnull=True,
            ends_on__gte=today,
            ends_on__lte=today + dt.timedelta(days=14),
        )
        .values(
            "pk", "ends_on", "person__full_name", "host_sponsor__user_id", "host_department__name"
        )
        .order_by()
    )
    for row in rows.iterator(chunk_size=5000):
        if not row["host_sponsor__user_id"]:
            continue
        yield Due(
            recipient_id=row["host_sponsor__user_id"],
            kind="rotation_ending",
            item_key=f"rotation:{row['pk']}",
            period_key=row["ends_on"].isoformat(),
            title=(
                f"{row['person__full_name']}'s rotation in {row['host_department__name']} ends on "
                f"{row['ends_on']:%d %b}: assess it"
            ),
            body="Assess it: objectives met, delivered on time, how they did on the competencies.",
            url=reverse("development:rotation_detail", args=[row["pk"]]),
        )


@reminder_kind("rotation_hosted", label="A rotation proposed for someone in your team")
def nothing_swept_for_hosting(*, today):
    """Registered so people can mute it; sent when a manager hosts someone of another
    team (``services.rotation_host``), never swept."""
    return ()


@reminder_kind(
    "rotation_cancelled", label="A rotation called off by the other side (host or manager)"
)
def nothing_swept_for_cancels(*, today):
    """Registered so people can mute it; sent to the host sponsor when the person's
    manager calls a rotation off and the other way round (``services.experience_cancel``),
    never swept."""
    return ()
