"""Reminder kinds of succession: a readiness gone stale, a fill's checkpoint reached."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from candidates.models import CandidateStatus
from common.dates import months_after
from notifications.registry import Due, reminder_kind

from .models import OUTCOME_CHECKPOINTS, FillOutcome, PositionFill, SuccessorNomination
from .services import checkpoints_owed
from .staleness import readiness_fresh_on, readiness_stale_q


@reminder_kind("readiness_stale", label="Successor readiness to confirm", managers_only=True)
def readiness_gone_stale(*, today: dt.date) -> Iterator[Due]:
    """A stale readiness, to its nominator (or, when they have left or have no login,
    the candidate's manager): once a month while it stays stale."""
    rows = (
        SuccessorNomination.objects.filter(
            readiness_stale_q(today), is_active=True, candidate__status=CandidateStatus.ACTIVE
        )
        .select_related("position", "candidate__person__manager__user", "nominated_by__user")
        .order_by()
    )
    for nomination in rows.iterator(chunk_size=2000):
        nominator = nomination.nominated_by
        recipient = nominator.user if nominator.is_active and nominator.user else None
        if recipient is None or not recipient.is_active:
            manager = nomination.candidate.person.manager
            recipient = manager.user if manager and manager.is_active else None
        if recipient is None or not recipient.is_active:
            continue
        name = nomination.candidate.person.full_name
        readiness = nomination.get_readiness_display().lower()
        yield Due(
            recipient_id=recipient.pk,
            kind="readiness_stale",
            item_key=f"nomination:{nomination.pk}",
            period_key=f"{today:%Y-%m}",
            title=f"Is {name} still {readiness} for {nomination.position.title}?",
            body=(
                f"Nothing has backed {name}'s readiness for {nomination.position.title} "
                f"since {readiness_fresh_on(nomination):%d %b %Y}: no new evidence, no "
                "confirmation. Look at the evidence, then confirm the readiness or change it."
            ),
            url=reverse("succession:readiness", args=[nomination.pk]),
        )


@reminder_kind("fill_outcome", label="How a new leader is doing", managers_only=True)
def fill_outcome_due(*, today: dt.date) -> Iterator[Due]:
    """At 6, 12 and 18 months after a key seat was filled, its new incumbent's manager is
    asked how it is going: once per checkpoint (the latest owed), never after someone said
    they left the role."""
    oldest = months_after(today, -max(OUTCOME_CHECKPOINTS) - 6)
    fills = (
        PositionFill.objects.filter(filled_on__gt=oldest)
        .exclude(outcomes__outcome=FillOutcome.Outcome.LEFT)
        .select_related("position", "person__manager__user")
        .prefetch_related("outcomes")
        .order_by()
    )
    for fill in fills.iterator(chunk_size=2000):
        owed = checkpoints_owed(fill, today=today)
        if not owed:
            continue
        manager = fill.person.manager
        recipient = manager.user if manager and manager.is_active else None
        if recipient is None or not recipient.is_active:
            continue
        months, name = owed[-1], fill.person.full_name
        yield Due(
            recipient_id=recipient.pk,
            kind="fill_outcome",
            item_key=f"fill:{fill.pk}",
            period_key=f"{months}m",
            title=f"{months} months on: how is {name} doing as {fill.position.title}?",
            body=(
                f"{name} took {fill.position.title} on {fill.filled_on:%d %b %Y}. Say whether "
                "they are thriving, settling in, struggling or have left the role: the "
                "answer tells the succession plan whether its readiness calls come true."
            ),
            url=reverse("succession:fill_outcome", args=[fill.pk]),
        )
