"""Reminder kinds of the leadership agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

from notifications.registry import Due, overdue_period, quoted, reminder_kind

from .models import Commitment, LeadershipAgreement, Side
from .selectors import OPEN_STATUSES as OPEN_AGREEMENTS


@reminder_kind("agreement_review", label="Agreement to revisit together")
def agreements_to_review(*, today: dt.date) -> Iterator[Due]:
    """Review date within 14 days or past: the candidate and the sponsor."""
    rows = (
        LeadershipAgreement.objects.filter(
            status__in=OPEN_AGREEMENTS, review_on__lte=today + dt.timedelta(days=14)
        )
        .values(
            "pk",
            "review_on",
            "sponsor__user_id",
            "candidate__person__user_id",
            "candidate__person__full_name",
        )
        .order_by()
    )
    for row in rows.iterator(chunk_size=5000):
        past = row["review_on"] < today
        period = overdue_period(today) if past else row["review_on"].isoformat()
        when = "was due on" if past else "due on"
        name = row["candidate__person__full_name"]
        for recipient, whose in (
            (row["sponsor__user_id"], f"{name}'s leadership agreement"),
            (row["candidate__person__user_id"], "Your leadership agreement"),
        ):
            if not recipient:
                continue
            yield Due(
                recipient_id=recipient,
                kind="agreement_review",
                item_key=f"agreement:{row['pk']}",
                period_key=period,
                title=f"{whose}: revisit it together, {when} {row['review_on']:%d %b %Y}",
                body="Go through it together: what progressed, what to change.",
                url=f"/agreements/{row['pk']}/",
            )


@reminder_kind("commitment_due", label="Commitment due")
def commitments_due(*, today: dt.date) -> Iterator[Due]:
    """Commitments due within 7 days or overdue, to their owner side."""
    rows = (
        Commitment.objects.filter(
            agreement__status__in=OPEN_AGREEMENTS,
            proposal=Commitment.Proposal.ACCEPTED,
            removed=False,
            status__in=(Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS),
            due_on__lte=today + dt.timedelta(days=7),
        )
        .values(
            "pk",
            "side",
            "description",
            "due_on",
            "agreement_id",
            "agreement__sponsor__user_id",
            "agreement__candidate__person__user_id",
            "agreement__candidate__person__full_name",
        )
        .order_by()
    )
    for row in rows.iterator(chunk_size=5000):
        company = row["side"] == Side.COMPANY
        recipient = (
            row["agreement__sponsor__user_id"]
            if company
            else row["agreement__candidate__person__user_id"]
        )
        if not recipient:
            continue
        overdue = row["due_on"] < today
        state = "is overdue" if overdue else f"is due on {row['due_on']:%d %b}"
        item = quoted(row["description"])
        name = row["agreement__candidate__person__full_name"]
        yield Due(
            recipient_id=recipient,
            kind="commitment_due",
            item_key=f"commitment:{row['pk']}",
            period_key=overdue_period(today) if overdue else row["due_on"].isoformat(),
            title=f"{name}: {item} {state}" if company else f"Your commitment {item} {state}",
            body=(
                f"{'The company' if company else 'You'} committed to: {row['description']}\n"
                f"Due on {row['due_on']:%d %b %Y}. Update its progress and evidence, or mark it done."
            ),
            url=f"/agreements/{row['agreement_id']}/#commitment-{row['pk']}",
        )


@reminder_kind("proposal_waiting", label="Proposal waiting for the sponsor")
def proposals_waiting(*, today: dt.date) -> Iterator[Due]:
    """A commitment proposed by the candidate, waiting for the sponsor more than 7 days."""
    limit = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time.max))
    rows = (
        Commitment.objects.filter(
            proposal=Commitment.Proposal.PROPOSED,
            removed=False,
            proposed_at__lte=limit,
            agreement__status__in=OPEN_AGREEMENTS + (LeadershipAgreement.Status.DRAFT,),
        )
        .values(
            "pk",
            "description",
            "proposed_at",
            "agreement_id",
            "agreement__sponsor__user_id",
            "agreement__candidate__person__full_name",
        )
        .order_by()
    )
    for row in rows.iterator(chunk_size=5000):
        if not row["agreement__sponsor__user_id"]:
            continue
        yield Due(
            recipient_id=row["agreement__sponsor__user_id"],
            kind="proposal_waiting",
            item_key=f"commitment:{row['pk']}",
            period_key=overdue_period(today),
            title=(
                f"{row['agreement__candidate__person__full_name']} proposed "
                f"{quoted(row['description'])}: waiting for your answer"
            ),
            body=f"“{row['description']}”, proposed on {row['proposed_at']:%d %b %Y}.",
            url=f"/agreements/{row['agreement_id']}/#proposals",
        )


@reminder_kind("agreement_closed", label="Agreement closed (the candidate left)")
def nothing_swept(*, today: dt.date) -> Iterator[Due]:
    """Registered so people can mute it; nothing is swept for it: the sponsor is told when
    the candidate leaves (``receivers.agreements_close_for_leaver``)."""
    return iter(())
