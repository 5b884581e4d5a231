"""Writes of succession readiness: set a readiness with its evidence, confirm it, and
turn competency gaps into proposals on the leadership agreement."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from agreements.models import Commitment, LeadershipAgreement
from agreements.services import commitment_propose
from candidates.models import Candidate, CandidateEvent, Person, SuccessorNomination
from candidates.services import (
    candidate_event_record,
    nomination_change_readiness,
    nomination_confirm_readiness,
    nomination_evidence_latest_set,
)
from development.models import ExperienceIdea

from .models import GapCommitment, ReadinessEvidence
from .selectors import candidate_gaps, evidence_available

IDEA_CATEGORY = {
    ExperienceIdea.Kind.ROTATION: Commitment.Category.ROTATION,
    ExperienceIdea.Kind.CONFERENCE: Commitment.Category.CONFERENCE,
    ExperienceIdea.Kind.TRAINING: Commitment.Category.TRAINING,
    ExperienceIdea.Kind.STRETCH: Commitment.Category.OTHER,
}


@transaction.atomic
def readiness_save(
    *,
    acting_user: Person,
    nomination: SuccessorNomination,
    readiness: str,
    note: str = "",
    evidence_keys: list[str],
) -> SuccessorNomination:
    """Set a successor's readiness and the evidence it rests on, in one step. A new
    readiness is a confirmation; attaching newer evidence makes the readiness fresh."""
    nomination = nomination_change_readiness(
        acting_user=acting_user, nomination=nomination, readiness=readiness, note=note
    )
    evidence_set(acting_user=acting_user, nomination=nomination, keys=evidence_keys)
    return nomination


@transaction.atomic
def evidence_set(
    *, acting_user: Person, nomination: SuccessorNomination, keys: list[str]
) -> tuple[int, int]:
    """Attach the items named by ``keys`` (``kind:id``) and detach the others; returns
    (attached, detached). Only items of the candidate's own record can be attached."""
    nomination = (
        SuccessorNomination.objects.select_for_update()
        .select_related("candidate__person", "position")
        .get(pk=nomination.pk)
    )
    if not nomination.is_active:
        raise ValidationError("This nomination is closed: its evidence stays as it was.")
    current = {e.key: e for e in nomination.evidence.all()}
    wanted = set(keys)
    new_keys = wanted - set(current)
    offered = (
        {item.key: item for item in evidence_available(candidate=nomination.candidate)}
        if new_keys
        else {}
    )
    now = timezone.now()
    added = []
    for key in sorted(new_keys):
        item = offered.get(key)
        if item is None:
            raise ValidationError(
                {"evidence": "One of the items is not in the candidate's record: reload the page."}
            )
        added.append(
            ReadinessEvidence(
                nomination=nomination,
                kind=item.kind,
                item_id=item.item_id,
                dated_on=item.dated_on,
                summary=item.summary[:300],
                url=item.url,
                attached_by=acting_user,
                attached_at=now,
            )
        )
    ReadinessEvidence.objects.bulk_create(added)
    removed = [current[key].pk for key in set(current) - wanted]
    ReadinessEvidence.objects.filter(pk__in=removed).delete()
    if added or removed:
        latest = nomination.evidence.aggregate(latest=Max("dated_on"))["latest"]
        nomination_evidence_latest_set(nomination=nomination, latest_on=latest)
        parts = [
            f"{n} {word}" for n, word in ((len(added), "attached"), (len(removed), "detached")) if n
        ]
        candidate_event_record(
            candidate=nomination.candidate,
            kind=CandidateEvent.Kind.READINESS,
            summary=f"Evidence for the readiness for {nomination.position.title}: "
            + ", ".join(parts),
            detail="\n".join(f"{e.get_kind_display()}: {e.summary}" for e in added),
            acting_user=acting_user,
            confidential=True,
        )
    return len(added), len(removed)


def readiness_confirm(
    *, acting_user: Person, nomination: SuccessorNomination, note: str = ""
) -> SuccessorNomination:
    return nomination_confirm_readiness(acting_user=acting_user, nomination=nomination, note=note)


def _pick_parse(pick: str) -> tuple[int, int, int]:
    try:
        position_id, competency_id, idea_id = (int(part) for part in pick.split(":"))
    except ValueError:
        raise ValidationError({"picks": "Choose suggestions from the list."}) from None
    return position_id, competency_id, idea_id


@transaction.atomic
def plan_propose(
    *,
    acting_user: Person,
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
    gaps = {
        (row["position"].pk, gap["competency_id"]): gap
        for row in candidate_gaps(candidate=candidate)
        for gap in row["gaps"]
    }
    parsed = [_pick_parse(pick) for pick in dict.fromkeys(picks)]
    ideas = ExperienceIdea.objects.select_related("competency").in_bulk(
        [idea_id for _, _, idea_id in parsed]
    )
    taken = set(
        GapCommitment.objects.filter(candidate=candidate)
        .exclude(commitment__proposal=Commitment.Proposal.DECLINED)
        .exclude(commitment__removed=True)
        .values_list("competency_id", "idea_id")
    )
    made = []
    for position_id, competency_id, idea_id in parsed:
        gap = gaps.get((position_id, competency_id))
        idea = ideas.get(idea_id)
        if gap is None or idea is None or not idea.is_active or idea.competency_id != competency_id:
            raise ValidationError(
                {
                    "picks": "A suggestion no longer matches a gap (the targets or ratings changed): reload the page."
                }
            )
        if (competency_id, idea_id) in taken:
            continue
        taken.add((competency_id, idea_id))
        commitment = commitment_propose(
            acting_user=acting_user,
            agreement=agreement,
            side=side,
            category=IDEA_CATEGORY[idea.kind],
            description=f"Grow {idea.competency.name.lower()}: {idea.description}",
            due_on=due_on,
        )
        GapCommitment.objects.create(
            candidate=candidate,
            position_id=position_id,
            competency_id=competency_id,
            idea=idea,
            commitment=commitment,
            target=gap["target"],
            score=gap["score"],
            created_by=acting_user,
        )
        made.append(commitment)
    if not made:
        raise ValidationError({"picks": "Those suggestions are already proposed."})
    return made
