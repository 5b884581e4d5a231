"""The plan from gaps: suggestions from the experience catalogue, picked by a manager,
become commitments proposed on the candidate's leadership agreement (the sponsor decides),
each linked to the gap it is meant to close."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from agreements.models import Commitment, LeadershipAgreement
from agreements.services import commitment_propose
from candidates.models import Candidate
from common.actor import Actor
from succession.selectors import candidate_gaps

from ..models import ExperienceIdea, GapCommitment

IDEA_CATEGORY = {
    ExperienceIdea.Kind.ROTATION: Commitment.Category.ROTATION,
    ExperienceIdea.Kind.CONFERENCE: Commitment.Category.CONFERENCE,
    ExperienceIdea.Kind.TRAINING: Commitment.Category.TRAINING,
    ExperienceIdea.Kind.STRETCH: Commitment.Category.OTHER,
}


def _pick_parse(pick: str) -> tuple[int, int, int]:
    try:
        position_id, competency_id, idea_id = (int(part) for part in pick.split(":"))
    except ValueError:
        raise ValidationError({"picks": "Choose suggestions from the list."}) from None
    return position_id, competency_id, idea_id


def _picks_checked(
    candidate: Candidate, picks: list[str]
) -> list[tuple[int, dict, ExperienceIdea]]:
    """Each pick as (position id, its gap, the idea), checked against the candidate's
    gaps today: a pick that no longer matches one (targets or ratings changed since the
    page was shown) is refused."""
    gaps = {
        (row["position"].pk, gap["competency_id"]): gap
        for row in candidate_gaps(candidate=candidate)
        for gap in row["gaps"]
    }
    parsed = [_pick_parse(pick) for pick in dict.fromkeys(picks)]
    ideas = ExperienceIdea.objects.select_related("competency").in_bulk(
        [idea_id for _, _, idea_id in parsed]
    )
    checked = []
    for position_id, competency_id, idea_id in parsed:
        gap = gaps.get((position_id, competency_id))
        idea = ideas.get(idea_id)
        if gap is None or idea is None or not idea.is_active or idea.competency_id != competency_id:
            raise ValidationError(
                {
                    "picks": "A suggestion no longer matches a gap (the targets or ratings "
                    "changed): reload the page."
                }
            )
        checked.append((position_id, gap, idea))
    return checked


@transaction.atomic
def plan_propose(
    *,
    actor: Actor,
    candidate: Candidate,
    picks: list[str],
    side: str,
    due_on: dt.date | None,
) -> list[Commitment]:
    """Each picked suggestion becomes a commitment proposed on the candidate's open
    agreement (through the agreement's own proposal flow: the sponsor decides), linked
    to the gap it is meant to close. A suggestion already proposed and not declined is
    not proposed twice."""
    if not picks:
        raise ValidationError({"picks": "Pick at least one suggestion."})
    agreement = (
        LeadershipAgreement.objects.filter(candidate=candidate)
        .exclude(status=LeadershipAgreement.Status.CLOSED)
        .first()
    )
    if agreement is None:
        raise ValidationError(
            f"{candidate.person} has no open leadership agreement: write one first, then "
            "propose from the gaps."
        )
    taken = set(
        GapCommitment.objects.filter(candidate=candidate)
        .exclude(commitment__proposal=Commitment.Proposal.DECLINED)
        .exclude(commitment__removed=True)
        .values_list("competency_id", "idea_id")
    )
    made = []
    for position_id, gap, idea in _picks_checked(candidate, picks):
        if (idea.competency_id, idea.pk) in taken:
            continue
        taken.add((idea.competency_id, idea.pk))
        commitment = commitment_propose(
            actor=actor,
            agreement=agreement,
            side=side,
            category=IDEA_CATEGORY[idea.kind],
            # In the agreement's own words: the competency and its gap stay with the plan
            # (GapCommitment), never in what the candidate reads.
            description=idea.description,
            due_on=due_on,
        )
        GapCommitment.objects.create(
            candidate=candidate,
            position_id=position_id,
            competency_id=idea.competency_id,
            idea=idea,
            commitment=commitment,
            target=gap["target"],
            score=gap["score"],
            created_by=actor.person,
        )
        made.append(commitment)
    if not made:
        raise ValidationError({"picks": "Those suggestions are already proposed."})
    return made
