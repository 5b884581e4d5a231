"""Emergency cover by time zone: for each key position the actor may see, who could lead
it tomorrow if the incumbent left (its ready-now successors and its acting cover), and
which positions one more departure would leave with nobody."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper

from candidates.access import in_line_q
from candidates.models import CandidateStatus
from common.actor import Actor

from ..access import positions_covered
from ..models import KeyPosition, Readiness, SuccessorNomination


@dataclass
class Lead:
    """Someone who could lead the seat tomorrow. A successor outside the actor's line is
    counted, never named."""

    person_id: int
    name: str  # "" when the actor may not see who it is
    as_cover: bool = False


@dataclass
class SeatCover:
    position: KeyPosition
    leads: list[Lead] = field(default_factory=list)

    @property
    def uncovered(self) -> bool:
        return not self.leads

    @property
    def one_away(self) -> bool:
        return len(self.leads) == 1


def cover_of(position: KeyPosition) -> Lead | None:
    if not position.has_cover:
        return None
    return Lead(position.acting_cover_id, position.acting_cover.full_name, as_cover=True)


def coverage(*, actor: Actor) -> dict:
    """Two queries: the positions with their incumbent and cover, and their ready-now
    successors (with whether each is in the actor's line); the read is recorded."""
    positions = list(
        positions_covered(actor)
        .select_related("department", "incumbent", "acting_cover")
        .order_by("time_zone", "title")
    )
    seats = {p.pk: SeatCover(p) for p in positions}
    for seat in seats.values():
        if lead := cover_of(seat.position):
            seat.leads.append(lead)
    ready = (
        SuccessorNomination.objects.filter(
            position__in=[p.pk for p in positions],
            is_active=True,
            readiness=Readiness.READY_NOW,
            candidate__status=CandidateStatus.ACTIVE,
        )
        .annotate(
            shown=ExpressionWrapper(
                in_line_q(actor, "candidate__person__"), output_field=BooleanField()
            )
        )
        .values_list("position_id", "candidate__person_id", "candidate__person__full_name", "shown")
        .order_by("candidate__person__full_name")
    )
    for position_id, person_id, name, shown in ready:
        seat = seats[position_id]
        if person_id != seat.position.incumbent_id and all(
            lead.person_id != person_id for lead in seat.leads
        ):
            seat.leads.append(Lead(person_id, name if shown else ""))
    zones: dict[str, dict] = defaultdict(lambda: {"seats": 0, "uncovered": [], "one_away": []})
    single: dict[int, list] = defaultdict(list)  # a named last lead → their seats
    for seat in seats.values():
        zone = zones[seat.position.time_zone]
        zone["seats"] += 1
        if seat.uncovered:
            zone["uncovered"].append(seat)
        elif seat.one_away:
            zone["one_away"].append(seat)
            if seat.leads[0].name:
                single[seat.leads[0].person_id].append(seat)
    return {
        "zones": sorted(zones.items()),
        "positions_total": len(positions),
        "uncovered_total": sum(len(z["uncovered"]) for z in zones.values()),
        "one_away_total": sum(len(z["one_away"]) for z in zones.values()),
        "single_points": sorted(
            ((seats_[0].leads[0].name, seats_) for seats_ in single.values() if len(seats_) > 1),
            key=lambda pair: pair[0],
        ),
    }
