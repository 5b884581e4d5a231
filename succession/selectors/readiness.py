"""A successor's readiness as its page shows it: the evidence attached, what else could
be, whether it is stale, and its history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from ..evidence import evidence_available, proof_met_by
from ..models import ReadinessEvidence, SuccessorNomination
from ..staleness import readiness_fresh_on, readiness_is_stale, readiness_stale_before
from .musthaves import must_haves_against, must_haves_of


def readiness_page(*, nomination: SuccessorNomination, today: dt.date | None = None) -> dict:
    """The readiness page: the nomination, whether it is stale, the evidence attached,
    what else could be attached, and the history of the readiness."""
    today = today or timezone.localdate()
    attached = list(nomination.evidence.select_related("attached_by"))
    attached_keys = {e.key for e in attached}
    available = evidence_available(candidate=nomination.candidate)
    must_haves = must_haves_of(nomination.position_id)
    states = must_haves_against(must_haves, attached, today)
    return {
        "must_haves": states,
        # Each offered item with the must-haves it would meet: the attach list says so.
        "offered": [
            (
                item,
                [
                    s.must_have.behaviour
                    for s in states
                    if item.dated_on >= s.since
                    and any(
                        proof_met_by(key, kind=item.kind, facets=item.facets)
                        for key in s.must_have.proofs
                    )
                ],
            )
            for item in available
        ],
        "attached": attached,
        "attached_keys": attached_keys,
        "available": available,
        "available_keys": {item.key for item in available},
        "fresh_on": readiness_fresh_on(nomination),
        "is_stale": readiness_fresh_on(nomination) < readiness_stale_before(today),
        "stale_before": readiness_stale_before(today),
        "history": nomination.readiness_history.select_related("changed_by")[:30],
    }


def evidence_by_nomination(nomination_ids: list[int]) -> dict[int, list[ReadinessEvidence]]:
    """The evidence of several nominations, newest first, in one query."""
    found: dict[int, list[ReadinessEvidence]] = defaultdict(list)
    for evidence in ReadinessEvidence.objects.filter(nomination_id__in=nomination_ids):
        found[evidence.nomination_id].append(evidence)
    return found


def nominations_with_staleness(queryset, *, today: dt.date):
    return queryset.annotate(is_stale=readiness_is_stale(today))
