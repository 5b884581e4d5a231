"""What mentorship does when someone left the company, and when a graduate takes a key
seat (a mentor for the first six months, proposed to the manager)."""

from django.db.models import Count, Q
from django.dispatch import receiver

from candidates.models import Person
from candidates.services import person_left
from common.actor import SYSTEM
from common.dates import months_after
from succession.models import FollowUp
from succession.signals import seat_taken

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


# How long a new leader is mentored into a key seat.
TRANSITION_MENTORING_MONTHS = 6


def mentor_for_new_seat(*, candidate, position) -> tuple[Person | None, str]:
    """Whom to propose as a new leader's mentor for their first six months, and why: the
    mentor they have now, else someone a level above the seat, outside their own chain
    of managers and their own line, with the fewest mentees now (one query each)."""
    current = (
        MentorPairing.objects.filter(candidate=candidate, status=MentorPairing.Status.ACTIVE)
        .select_related("mentor")
        .order_by("-starts_on")
        .first()
    )
    if current is not None:
        return current.mentor, "their mentor now, who knows them"
    newcomer = candidate.person
    chain = [int(pk) for pk in newcomer.reporting_path.strip("/").split("/") if pk]
    pick = (
        Person.objects.filter(is_active=True, user__isnull=False, level__gt=position.level)
        .exclude(pk__in=chain)
        .exclude(reporting_path__startswith=newcomer.reporting_path or "-")
        .annotate(
            mentees=Count(
                "mentor_pairings", filter=Q(mentor_pairings__status=MentorPairing.Status.ACTIVE)
            )
        )
        .order_by("mentees", "level", "full_name", "pk")
        .first()
    )
    if pick is None:
        return None, ""
    return pick, f"a level above the seat, outside their line, {pick.mentees} mentee(s) now"


@receiver(seat_taken, dispatch_uid="mentorship.mentor_for_graduate")
def mentor_for_graduate(sender, fill, candidate, actor=SYSTEM, **kwargs):
    """A graduate took a key seat: whoever graduated them is asked, as a follow-up, to
    pair them with a mentor for six months, with a name proposed."""
    if actor.person is None:
        return
    until = months_after(fill.filled_on, TRANSITION_MENTORING_MONTHS)
    mentor, why = mentor_for_new_seat(candidate=candidate, position=fill.position)
    proposal = f"Proposed: {mentor.full_name} ({why})." if mentor else "Nobody to propose."
    FollowUp.objects.get_or_create(
        candidate=candidate,
        position=fill.position,
        kind=FollowUp.Kind.OTHER,
        done_at=None,
        defaults={
            "owner": actor.person,
            "description": (
                f"Pair {candidate.person.full_name} with a mentor for their first six months "
                f"as {fill.position.title} (until {until:%d %b %Y}). {proposal}"
            ),
        },
    )
