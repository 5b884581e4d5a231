"""The evidence a readiness can rest on: a registry the apps above fill, and its reading.

Each programme app declares, in its own ``evidence.py`` (found at start-up as the
reminders are, see ``apps.py``), the items of a candidate's record that can back a
readiness, one function per kind::

    @evidence_kind("rotation", label="Rotation assessed", describe=rotation_described)
    def rotations_assessed(candidate):
        return Rotation.objects.filter(...), {"ev_on": F("assessed_on"), ...}

A kind answers with one part of a UNION ALL over ``EVIDENCE_COLUMNS`` (the columns it
does not fill read blank), so a candidate's whole record is read in one query whatever
the number of kinds; ``describe`` turns one of its rows into a summary and a link. The
readiness app itself adds the competency ratings, one item per rating session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import CharField, Count, DateField, F, IntegerField, Min, QuerySet, Value
from django.db.models.functions import Cast
from django.urls import reverse

from candidates.models import Candidate, CompetencyRating
from common.sql import union_rows_compiled

# How many items the attach list offers, newest first.
EVIDENCE_OFFERED = 60
COMPETENCY = "competency"


def text(expression) -> Cast:
    return Cast(expression, output_field=CharField())


def number(expression) -> Cast:
    return Cast(expression, output_field=IntegerField())


# One row shape for every kind, with what a kind that lacks a column reads: a title and
# three more texts, a number and a reference (the agreement, the conference…).
EVIDENCE_COLUMNS = {
    "ev_kind": text(Value("")),
    "ev_id": F("pk"),
    "ev_on": Cast(Value(None), output_field=DateField()),
    "ev_title": text(Value("")),
    "ev_detail": text(Value("")),
    "ev_extra": text(Value("")),
    "ev_where": text(Value("")),
    "ev_number": number(Value(None)),
    "ev_ref": number(Value(None)),
}


@dataclass(frozen=True)
class EvidenceRow:
    """One row of the union, as a kind's ``describe`` reads it."""

    item_id: int
    dated_on: dt.date
    title: str
    detail: str
    extra: str
    where: str
    number: int | None
    ref: int | None


@dataclass(frozen=True)
class EvidenceItem:
    kind: str
    item_id: int
    dated_on: dt.date
    summary: str
    url: str = ""
    # What the item shows beyond its kind (a Sev-1 led, objectives met…), the names a
    # kind declared in ``facets``: a must-have can ask for one of them.
    facets: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.item_id}"

    @property
    def facet_set(self) -> frozenset[str]:
        """As an attached item reads it (``ReadinessEvidence.facet_set``): what a
        must-have is matched on, offered or attached."""
        return self.facets

    @property
    def kind_display(self) -> str:
        return kind_label(self.kind)


@dataclass(frozen=True)
class EvidenceKind:
    name: str
    label: str
    rows: Callable[[Candidate], tuple[QuerySet, dict]]
    describe: Callable[[EvidenceRow], tuple[str, str]]
    facets: dict[str, str]
    facets_of: Callable[[EvidenceRow], frozenset[str]] | None


REGISTRY: dict[str, EvidenceKind] = {}


def evidence_kind(
    name: str,
    *,
    label: str,
    describe: Callable[[EvidenceRow], tuple[str, str]],
    facets: dict[str, str] | None = None,
    facets_of: Callable[[EvidenceRow], frozenset[str]] | None = None,
):
    """Register a kind of evidence: the decorated function gives, for a candidate, the
    queryset of their items and the columns it fills (``ev_on``, the item's date, is
    required). ``facets`` names what an item of the kind may show beyond being one
    (``{"sev1": "Led a Sev-1 incident"}``) and ``facets_of`` says which one row shows:
    a key position's must-haves ask for a kind or one of its facets."""

    def register(rows):
        if name == COMPETENCY or len(name) > 24:
            raise ValueError(f"Evidence kind {name!r}: taken, or longer than 24 characters.")
        REGISTRY[name] = EvidenceKind(
            name=name,
            label=label,
            rows=rows,
            describe=describe,
            facets=dict(facets or {}),
            facets_of=facets_of,
        )
        return rows

    return register


def proof_choices() -> list[tuple[str, str]]:
    """What a must-have can ask for: each kind (any item of it) and each of its facets
    (``kind.facet``), with the competency ratings; labels as a form lists them."""
    choices = [(COMPETENCY, "Competency ratings (any session)")]
    for kind in sorted(REGISTRY.values(), key=lambda k: k.label):
        choices.append((kind.name, f"{kind.label} (any)"))
        choices += [(f"{kind.name}.{facet}", text) for facet, text in kind.facets.items()]
    return choices


def proof_label(key: str) -> str:
    return dict(proof_choices()).get(key, key.replace("_", " ").replace(".", ": "))


def proof_met_by(key: str, *, kind: str, facets: frozenset[str] | set[str]) -> bool:
    """Whether an item of ``kind`` showing ``facets`` is what ``key`` asks for."""
    wanted_kind, _, facet = key.partition(".")
    return wanted_kind == kind and (not facet or facet in facets)


def kind_label(name: str) -> str:
    if name == COMPETENCY:
        return "Competency ratings"
    kind = REGISTRY.get(name)
    return kind.label if kind else name.replace("_", " ").capitalize()


def short(text: str, limit: int = 120) -> str:
    """A free text cut at a word for a one-line summary."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _registered_parts(candidate_id: int, person_id: int) -> list:
    # A candidate as the kinds read it: its id and its person's (compiled once, see
    # common.sql.union_rows_compiled).
    candidate = Candidate(pk=candidate_id, person_id=person_id)
    parts = []
    for kind in REGISTRY.values():
        queryset, columns = kind.rows(candidate)
        parts.append((queryset, {**columns, "ev_kind": text(Value(kind.name))}))
    return parts


def _registered_items(candidate: Candidate) -> list[EvidenceItem]:
    if not REGISTRY:
        return []
    rows = union_rows_compiled(
        "evidence",
        EVIDENCE_COLUMNS,
        _registered_parts,
        candidate_id=candidate.pk,
        person_id=candidate.person_id,
    )
    items = []
    for row in rows:
        kind = REGISTRY[row["ev_kind"]]
        evidence_row = EvidenceRow(
            item_id=row["ev_id"],
            dated_on=row["ev_on"],
            title=row["ev_title"],
            detail=row["ev_detail"],
            extra=row["ev_extra"],
            where=row["ev_where"],
            number=row["ev_number"],
            ref=row["ev_ref"],
        )
        summary, url = kind.describe(evidence_row)
        facets = kind.facets_of(evidence_row) if kind.facets_of else frozenset()
        items.append(EvidenceItem(kind.name, row["ev_id"], row["ev_on"], summary, url, facets))
    return items


def _competency_sessions(candidate: Candidate) -> list[EvidenceItem]:
    """The talent base's competency ratings, one item per rating session (one rater,
    one day)."""
    sessions = (
        CompetencyRating.objects.filter(candidate=candidate)
        .values("rated_on", "rated_by__full_name")
        .annotate(first=Min("pk"), n=Count("pk"))
        .order_by()
    )
    url = reverse("front:profile", args=[candidate.pk]) + "#competencies-heading"
    return [
        EvidenceItem(
            COMPETENCY,
            session["first"],
            session["rated_on"],
            f"{session['n']} {'competency' if session['n'] == 1 else 'competencies'} rated "
            f"by {session['rated_by__full_name']}",
            url,
        )
        for session in sessions
    ]


def evidence_available(*, candidate: Candidate) -> list[EvidenceItem]:
    """Every item the app holds that can back a readiness, newest first: each registered
    kind (one UNION ALL) and the competency rating sessions (one grouped query). Two
    queries, whatever the history."""
    items = _registered_items(candidate) + _competency_sessions(candidate)
    items.sort(key=lambda item: (item.dated_on, item.kind, item.item_id), reverse=True)
    return items[:EVIDENCE_OFFERED]
