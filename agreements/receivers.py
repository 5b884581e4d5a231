"""What the leadership agreements do when someone left the company, and when a graduate
takes a key seat (the first 180 days' plan)."""

import datetime as dt

from django.dispatch import receiver
from django.utils import timezone

from candidates.services import person_left
from common.actor import SYSTEM
from notifications.registry import Due
from notifications.tasks import notices_send
from succession.models import SuccessorNomination
from succession.selectors import candidate_gaps, must_haves_unshown
from succession.signals import seat_taken

from .models import LeadershipAgreement
from .services import agreement_set_status, transition_plan_propose

# How many of the seat's largest competency gaps the 90-day items name.
TRANSITION_GAPS = 3


@receiver(person_left, dispatch_uid="agreements.agreements_close_for_leaver")
def agreements_close_for_leaver(sender, person, reason, actor=SYSTEM, **kwargs):
    """The leaver's open agreement closes with the reason (no review is due any more), and
    its sponsor is told once, in one notice."""
    due = []
    open_agreements = LeadershipAgreement.objects.filter(candidate__person=person).exclude(
        status=LeadershipAgreement.Status.CLOSED
    )
    for agreement in open_agreements.select_related("sponsor"):
        agreement_set_status(
            actor=actor,
            agreement=agreement,
            status=LeadershipAgreement.Status.CLOSED,
            reason=reason,
        )
        if agreement.sponsor.user_id and agreement.sponsor.is_active:
            due.append(
                Due(
                    recipient_id=agreement.sponsor.user_id,
                    kind="agreement_closed",
                    item_key=f"agreement:{agreement.pk}",
                    period_key="closed",
                    title=f"{person.full_name} left: their leadership agreement is closed",
                    body=(
                        f"{person.full_name}'s leadership agreement “{agreement.title}”, which "
                        f"you sponsor, was closed.\n{reason}\n"
                        "Nothing more is due on it: no review, no commitment."
                    ),
                    url=agreement.get_absolute_url(),
                )
            )
    if due:
        notices_send(due=due, today=timezone.localdate())


def agreements_ended_by_leaving(person_ids: list[int]) -> dict[int, list[str]]:
    """What a departure would end here: their open leadership agreement."""
    return {
        pk: ["their leadership agreement"]
        for pk in LeadershipAgreement.objects.filter(candidate__person__in=person_ids)
        .exclude(status=LeadershipAgreement.Status.CLOSED)
        .values_list("candidate__person_id", flat=True)
    }


def transition_items(*, fill, candidate) -> list[tuple[str, dt.date]]:
    """The first 180 days in a seat: meeting the team by day 30, the seat's must-haves
    the record does not show yet by day 60, its largest competency gaps by day 90, and a
    review with the sponsor at day 90."""
    start, title = fill.filled_on, fill.position.title
    items = [
        (
            f"First 30 days as {title}: meet each direct report and the seat's main "
            "stakeholders one to one; agree what the team needs from you.",
            start + dt.timedelta(days=30),
        )
    ]
    for must_have in must_haves_unshown(candidate=candidate, position=fill.position, today=start):
        items.append(
            (
                f"Within 60 days: {must_have.behaviour} (a must-have of {title} your record "
                "does not show yet).",
                start + dt.timedelta(days=60),
            )
        )
    seat = SuccessorNomination(position=fill.position, is_active=True)
    (gaps,) = candidate_gaps(candidate=candidate, nominations=[seat])
    for gap in gaps["gaps"][:TRANSITION_GAPS]:
        rated = f"rated {gap['score']}" if gap["score"] else "not rated yet"
        items.append(
            (
                f"Within 90 days: grow {gap['competency']} ({rated}; {title} asks "
                f"{gap['target']}).",
                start + dt.timedelta(days=90),
            )
        )
    items.append(
        (
            "Day 90: review the first 90 days with your sponsor: what worked, what the team "
            "needs next, what the next 90 days hold.",
            start + dt.timedelta(days=90),
        )
    )
    return items


@receiver(seat_taken, dispatch_uid="agreements.transition_plan_for_graduate")
def transition_plan_for_graduate(sender, fill, candidate, actor=SYSTEM, **kwargs):
    """A graduate took a key seat: their open agreement gets the first 180 days' plan,
    proposed for the sponsor to decide (no open agreement: nothing to propose on)."""
    agreement = (
        LeadershipAgreement.objects.filter(candidate=candidate)
        .exclude(status=LeadershipAgreement.Status.CLOSED)
        .order_by("-effective_on", "-pk")
        .first()
    )
    if agreement is not None:
        transition_plan_propose(
            actor=actor,
            agreement=agreement,
            fill=fill,
            items=transition_items(fill=fill, candidate=candidate),
        )
