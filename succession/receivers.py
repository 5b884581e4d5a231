"""What succession does when the talent base says someone left the company."""

from django.dispatch import receiver

from candidates.models import Candidate
from candidates.services import person_left
from common.actor import SYSTEM

from .models import KeyPosition, SuccessorNomination
from .services import nominations_close, seats_vacate


@receiver(person_left, dispatch_uid="succession.nominations_close_for_leaver")
def nominations_close_for_leaver(sender, person, reason, actor=SYSTEM, **kwargs):
    """Their open successor nominations close: off every bench, kept in the history."""
    candidate = Candidate.objects.filter(person=person).first()
    if candidate is not None:
        nominations_close(candidate=candidate)


@receiver(person_left, dispatch_uid="succession.seats_vacated_by_leaver")
def seats_vacated_by_leaver(sender, person, reason, actor=SYSTEM, **kwargs):
    """The key positions they held are empty from today: the acting cover steps in, and
    the time to fill counts from here."""
    seats_vacate(KeyPosition.objects.filter(incumbent=person))


def nominations_ended_by_leaving(person_ids: list[int]) -> dict[int, list[str]]:
    """What a departure would end here: their open successor nominations."""
    counts: dict[int, int] = {}
    for pk in SuccessorNomination.objects.filter(
        candidate__person__in=person_ids, is_active=True
    ).values_list("candidate__person_id", flat=True):
        counts[pk] = counts.get(pk, 0) + 1
    return {pk: [f"{n} successor nomination{'s' if n != 1 else ''}"] for pk, n in counts.items()}
