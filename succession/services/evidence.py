"""The evidence behind a readiness: attach or detach items of the candidate's record,
and set a readiness with its evidence in one step."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from candidates.models import CandidateEvent
from candidates.services import candidate_event_record
from common.actor import Actor

from ..evidence import evidence_available, kind_label
from ..models import ReadinessEvidence, SuccessorNomination
from .nominations import nomination_change_readiness, nomination_evidence_latest_set


@transaction.atomic
def readiness_save(
    *,
    actor: Actor,
    nomination: SuccessorNomination,
    readiness: str,
    note: str = "",
    evidence_keys: list[str],
    override_reason: str = "",
) -> SuccessorNomination:
    """Set a successor's readiness and the evidence it rests on, in one step: the
    evidence first, so a "ready now" is judged against what it will rest on. A new
    readiness is a confirmation; attaching newer evidence makes the readiness fresh."""
    evidence_set(actor=actor, nomination=nomination, keys=evidence_keys)
    return nomination_change_readiness(
        actor=actor,
        nomination=nomination,
        readiness=readiness,
        note=note,
        override_reason=override_reason,
    )


@transaction.atomic
def evidence_set(
    *, actor: Actor, nomination: SuccessorNomination, keys: list[str]
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
                facets=" ".join(sorted(item.facets)),
                attached_by=actor.person,
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
            detail="\n".join(f"{kind_label(e.kind)}: {e.summary}" for e in added),
            actor=actor,
            confidential=True,
        )
    return len(added), len(removed)
