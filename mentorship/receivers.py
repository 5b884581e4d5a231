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
