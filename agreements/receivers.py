"""What the leadership agreements do when the talent base says someone left the company."""

from django.dispatch import receiver
from django.utils import timezone

from candidates.services import person_left
from common.actor import SYSTEM
from notifications.registry import Due
from notifications.tasks import notices_send

from .models import LeadershipAgreement
from .services import agreement_set_status


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
