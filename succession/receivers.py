"""What succession does when the talent base says someone left the company."""

from django.dispatch import receiver

from candidates.models import Candidate
from candidates.services import person_left
from common.actor import SYSTEM

from .services import nominations_close


@receiver(person_left, dispatch_uid="succession.nominations_close_for_leaver")
def nominations_close_for_leaver(sender, person, reason, actor=SYSTEM, **kwargs):
    """Their open successor nominations close: off every bench, kept in the history."""
    candidate = Candidate.objects.filter(person=person).first()
    if candidate is not None:
        nominations_close(candidate=candidate)
