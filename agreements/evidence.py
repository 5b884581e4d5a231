"""The kind of readiness evidence an agreement gives: a commitment done
(``succession.evidence``)."""

from __future__ import annotations

from django.db.models.functions import TruncDate
from django.urls import reverse

from succession.evidence import EvidenceRow, evidence_kind, number, short, text

from .models import Commitment
from .selectors import COUNTED, DONE


def _commitment(row: EvidenceRow) -> tuple[str, str]:
    return (
        f"Done: {short(row.title)}",
        reverse("agreements:detail", args=[row.ref]) + f"#commitment-{row.item_id}",
    )


@evidence_kind("commitment", label="Commitment done", describe=_commitment)
def commitments_done(candidate):
    done = Commitment.objects.filter(COUNTED, DONE, agreement__candidate=candidate)
    return done, {
        "ev_on": TruncDate("updated_at"),
        "ev_title": text("description"),
        "ev_ref": number("agreement_id"),
    }
