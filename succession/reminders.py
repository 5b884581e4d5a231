"""Reminder kinds of succession: a readiness gone stale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from candidates.models import CandidateStatus
from notifications.registry import Due, reminder_kind

from .models import SuccessorNomination
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
