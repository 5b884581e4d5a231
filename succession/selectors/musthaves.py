"""A key position's must-haves and whether a successor's attached evidence meets them:
read by the readiness page, the "ready now" gate, the comparison and the agenda."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from common.dates import months_before

from ..evidence import evidence_available, proof_label, proof_met_by
from ..models import MustHave, ReadinessEvidence


@dataclass(frozen=True)
class MustHaveState:
    """One must-have as a successor stands against it: the freshest attached item that
    meets it (None: unmet), and the oldest date an item may have."""

    must_have: MustHave
    met_by: ReadinessEvidence | None
    since: dt.date

    @property
    def met(self) -> bool:
        return self.met_by is not None

    @property
    def proofs_display(self) -> list[str]:
        return [proof_label(key) for key in self.must_have.proofs]


def must_have_meets(must_have: MustHave, evidence: ReadinessEvidence, since: dt.date) -> bool:
    return evidence.dated_on >= since and any(
        proof_met_by(key, kind=evidence.kind, facets=evidence.facet_set) for key in must_have.proofs
    )


def must_haves_against(
    must_haves: list[MustHave], evidence: list[ReadinessEvidence], today: dt.date | None = None
) -> list[MustHaveState]:
    """Each must-have with the freshest of ``evidence`` that meets it (no query)."""
    today = today or timezone.localdate()
    newest_first = sorted(evidence, key=lambda e: e.dated_on, reverse=True)
    states = []
    for must_have in must_haves:
        since = months_before(today, must_have.within_months)
        met_by = next((e for e in newest_first if must_have_meets(must_have, e, since)), None)
        states.append(MustHaveState(must_have, met_by, since))
    return states


def must_haves_of(position_id: int) -> list[MustHave]:
    return list(MustHave.objects.filter(position_id=position_id))


def nomination_must_haves(nomination, today: dt.date | None = None) -> list[MustHaveState]:
    """A successor's standing against their position's must-haves: two queries (the
    must-haves, the attached evidence), none when the position has no must-have."""
    must_haves = must_haves_of(nomination.position_id)
    if not must_haves:
        return []
    evidence = list(ReadinessEvidence.objects.filter(nomination_id=nomination.pk))
    return must_haves_against(must_haves, evidence, today)


def must_haves_listed(*, position_id: int) -> list[MustHaveState]:
    """The must-haves page: each with its proofs named (one query)."""
    today = timezone.localdate()
    return [
        MustHaveState(m, None, months_before(today, m.within_months))
        for m in must_haves_of(position_id)
    ]


def must_haves_unshown(*, candidate, position, today: dt.date) -> list[MustHave]:
    """A seat's must-haves that nothing fresh in the candidate's whole record shows (what
    a newcomer's first months should cover): the must-haves and the record, three
    queries."""
    must_haves = must_haves_of(position.pk)
    if not must_haves:
        return []
    offered = evidence_available(candidate=candidate)
    return [s.must_have for s in must_haves_against(must_haves, offered, today) if not s.met]
