"""What mentorship does when the talent base says someone left the company."""

from django.db.models import Q
from django.dispatch import receiver

from candidates.services import person_left
from common.actor import SYSTEM

from .models import MentorPairing
from .services import pairing_set_status


@receiver(person_left, dispatch_uid="mentorship.pairings_end_for_leaver")
def pairings_end_for_leaver(sender, person, reason, actor=SYSTEM, **kwargs):
    """Their open pairings, as mentor or as candidate, end with the reason given."""
    open_pairings = MentorPairing.objects.filter(
        Q(mentor=person) | Q(candidate__person=person)
    ).exclude(status=MentorPairing.Status.ENDED)
    for pairing in open_pairings:
        pairing_set_status(
            actor=actor,
            pairing=pairing,
            status=MentorPairing.Status.ENDED,
            reason=reason,
        )


def pairings_ended_by_leaving(person_ids: list[int]) -> dict[int, list[str]]:
    """What a departure would end here: their open pairings, as mentor or mentee."""
    counts: dict[int, int] = {}
    for mentor_id, mentee_id in (
        MentorPairing.objects.filter(Q(mentor__in=person_ids) | Q(candidate__person__in=person_ids))
        .exclude(status=MentorPairing.Status.ENDED)
        .values_list("mentor_id", "candidate__person_id")
    ):
        for pk in (mentor_id, mentee_id):
            if pk in person_ids:
                counts[pk] = counts.get(pk, 0) + 1
    return {pk: [f"{n} mentor pairing{'s' if n != 1 else ''}"] for pk, n in counts.items()}
