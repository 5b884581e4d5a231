"""Support's own evidence for a readiness (``succession.evidence``): each month of a
person's support record with something a leader would cite (an incident led, an
escalation resolved across groups, customers' ratings over enough of them, knowledge
others reused), dated to its month, going stale under the same rule as every item."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import CharField, F, OuterRef, Q, Subquery, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Concat
from django.urls import reverse

from candidates.models import Competency
from succession.evidence import EvidenceRow, evidence_kind, number, text

from .models import MAPPING_CACHE_KEY, FigureMapping, SupportMonth, TeamMedian
from .selectors import MIN_RATINGS

PACKED = (
    "incidents_led_sev1",
    "incidents_led_sev2",
    "incidents_led_other",
    "escalations_resolved",
    "satisfaction_good",
    "satisfaction_bad",
    "articles",
    "article_reuse",
)


# What each kind of support evidence speaks to, until HR says otherwise (by name: the
# competency model's defaults; a name the model no longer has is left out).
GROUPS = {
    "incidents_led": "Incidents led",
    "escalations_resolved": "Escalations resolved across groups",
    "satisfaction": "Customers' satisfaction",
    "articles": "Knowledge articles and their reuse",
}
DEFAULT_COMPETENCIES = {
    "incidents_led": ("Team management", "Problem solving"),
    "escalations_resolved": ("Problem solving", "Technical expertise"),
    "satisfaction": ("Customer orientation", "Empathy"),
    "articles": ("Communication", "Mentorship"),
}


def figure_competencies() -> dict[str, list[str]]:
    """Each group's competencies (names, in the model's order); cached until HR changes
    the mapping (``services.mapping_set`` forgets it)."""
    mapping = cache.get(MAPPING_CACHE_KEY)
    if mapping is None:
        active = list(Competency.objects.filter(is_active=True).order_by("order", "name"))
        by_name = {c.name: c for c in active}
        chosen = {
            m.figure: {c.pk for c in m.competencies.all()}
            for m in FigureMapping.objects.prefetch_related("competencies")
        }
        mapping = {}
        for group in GROUPS:
            if group in chosen:
                mapping[group] = [c.name for c in active if c.pk in chosen[group]]
            else:
                mapping[group] = [n for n in DEFAULT_COMPETENCIES[group] if n in by_name]
        cache.set(MAPPING_CACHE_KEY, mapping, 3600)
    return mapping


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _figures(row: EvidenceRow) -> tuple[int, ...]:
    return tuple(int(part) for part in row.title.split("|"))


# What a month may show, for a key position's must-haves (``succession.evidence``).
FACETS = {
    "sev1": "Led a Sev-1 incident (support record)",
    "incident": "Led an incident of any severity (support record)",
    "escalation": "Resolved a cross-group escalation (support record)",
    "satisfaction": f"Customers' satisfaction over {MIN_RATINGS}+ ratings (support record)",
    "articles": "Wrote knowledge articles (support record)",
}


def _support_facets(row: EvidenceRow) -> frozenset[str]:
    sev1, sev2, other, escalations, good, bad, articles, _ = _figures(row)
    shown = {
        "sev1": sev1 > 0,
        "incident": sev1 + sev2 + other > 0,
        "escalation": escalations > 0,
        "satisfaction": good + bad >= MIN_RATINGS,
        "articles": articles > 0,
    }
    return frozenset(name for name, yes in shown.items() if yes)


def _support_month(row: EvidenceRow) -> tuple[str, str]:
    sev1, sev2, other, escalations, good, bad, articles, reuse = _figures(row)
    pieces, groups = [], []
    if sev1 or sev2 or other:
        groups.append("incidents_led")
    if sev1:
        pieces.append(f"Led {_plural(sev1, 'Sev-1 incident', 'Sev-1 incidents')}")
    if sev2:
        pieces.append(f"led {_plural(sev2, 'Sev-2 incident', 'Sev-2 incidents')}")
    if other:
        pieces.append(f"led {_plural(other, 'other incident', 'other incidents')}")
    if escalations:
        groups.append("escalations_resolved")
        pieces.append(
            _plural(
                escalations, "cross-group escalation resolved", "cross-group escalations resolved"
            )
        )
    if good + bad >= MIN_RATINGS:
        groups.append("satisfaction")
        team = f", team {float(row.extra):.0f} %" if row.extra else ""
        pieces.append(
            f"satisfaction {100 * good / (good + bad):.0f} % over {good + bad} ratings{team}"
        )
    if articles:
        groups.append("articles")
        pieces.append(
            f"{_plural(articles, 'knowledge article', 'knowledge articles')}, reused {reuse} times"
        )
    summary = f"{row.dated_on:%b %Y} support record: " + " · ".join(pieces)
    mapping = figure_competencies()
    speaks_to = list(dict.fromkeys(name for g in groups for name in mapping[g]))
    if speaks_to:
        summary += f" (speaks to {', '.join(speaks_to)})"
    return summary, reverse("supportdata:record", args=[row.ref])


@evidence_kind(
    "support_month",
    label="Support record (a month)",
    describe=_support_month,
    facets=FACETS,
    facets_of=_support_facets,
)
def support_months(candidate):
    team_satisfaction = TeamMedian.objects.filter(
        department_id=OuterRef("person__department_id"), month=OuterRef("month")
    ).values(pct=KT("figures__satisfaction_pct"))[:1]
    notable = (
        Q(incidents_led_sev1__gt=0)
        | Q(incidents_led_sev2__gt=0)
        | Q(incidents_led_other__gt=0)
        | Q(escalations_resolved__gt=0)
        | Q(articles__gt=0)
        | Q(ratings__gte=MIN_RATINGS)
    )
    months = (
        SupportMonth.objects.filter(person_id=candidate.person_id)
        .alias(ratings=F("satisfaction_good") + F("satisfaction_bad"))
        .filter(notable)
    )
    packed = []
    for name in PACKED:
        packed += [text(name), Value("|")]
    return months, {
        "ev_on": F("month"),
        "ev_title": Concat(*packed[:-1], output_field=CharField()),
        "ev_extra": text(Subquery(team_satisfaction)),
        "ev_ref": number("person__candidacy__pk"),
    }
