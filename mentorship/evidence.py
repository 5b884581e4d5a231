"""The kind of readiness evidence mentoring gives: the mentor's read of potential
(``succession.evidence``)."""

from __future__ import annotations

from django.db.models import F

from succession.evidence import EvidenceRow, evidence_kind, number, text

from .models import Meeting

POTENTIAL_WORDS = {1: "low", 2: "moderate", 3: "high"}


def _mentor_read(row: EvidenceRow) -> tuple[str, str]:
    return f"{row.title} reads potential as {POTENTIAL_WORDS.get(row.number, row.number)}", ""


@evidence_kind("mentor_read", label="Mentor's read of potential", describe=_mentor_read)
def mentor_reads(candidate):
    reads = Meeting.objects.filter(pairing__candidate=candidate, potential_read__isnull=False)
    return reads, {
        "ev_on": F("held_on"),
        "ev_title": text("pairing__mentor__full_name"),
        "ev_number": number("potential_read"),
    }
