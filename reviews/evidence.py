"""The kind of readiness evidence a talent review gives: a decision made in it
(``succession.evidence``)."""

from __future__ import annotations

from django.db.models import CharField, Value
from django.db.models.functions import Coalesce, Concat, TruncDate

from succession.evidence import EvidenceRow, evidence_kind, text

from .models import ReviewMove

MOVE_KINDS = dict(ReviewMove.Kind.choices)


def _review(row: EvidenceRow) -> tuple[str, str]:
    where = f" for {row.where}" if row.where else ""
    kind = MOVE_KINDS.get(row.detail, row.detail).lower()
    return f"Talent review “{row.title}”: {kind}{where} {row.extra}", ""


@evidence_kind("review", label="Talent review decision", describe=_review)
def review_moves(candidate):
    return ReviewMove.objects.filter(candidate=candidate), {
        "ev_on": TruncDate("moved_at"),
        "ev_title": text("review__name"),
        "ev_detail": text("kind"),
        "ev_extra": Concat("before", Value(" → "), "after", output_field=CharField()),
        "ev_where": text(Coalesce("position__title", Value(""))),
    }
