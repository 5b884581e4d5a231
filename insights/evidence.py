"""The kind of readiness evidence the insight log gives (``succession.evidence``): an
insight its raiser drove to an answer that took it up (accepted, planned or shipped)."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse

from succession.evidence import EvidenceRow, evidence_kind, text

from .models import Insight

TAKEN_UP = (Insight.Status.ACCEPTED, Insight.Status.PLANNED, Insight.Status.SHIPPED)
STATES = dict(Insight.Status.choices)


def _insight(row: EvidenceRow) -> tuple[str, str]:
    return (
        f"Product insight {STATES.get(row.detail, row.detail).lower()}: {row.title}",
        reverse("insights:detail", args=[row.item_id]),
    )


@evidence_kind(
    "insight",
    label="Product insight taken up",
    describe=_insight,
    facets={"shipped": "A product insight that shipped"},
    facets_of=lambda row: frozenset({row.detail}) & {"shipped"},
)
def insights_taken_up(candidate):
    insights = Insight.objects.filter(raised_by_id=candidate.person_id, status__in=TAKEN_UP)
    return insights, {
        "ev_on": F("answered_on"),
        "ev_title": text("title"),
        "ev_detail": text("status"),
    }
