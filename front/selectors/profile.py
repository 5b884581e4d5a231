"""A candidate's profile: what every viewer may read, the confidential part for
managers in the line, the competency picture."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import (
    CharField,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from agreements.selectors import (
    open_agreement_with_progress,
)
from candidates.access import CandidatePermissions
from candidates.models import (
    Candidate,
    CandidateEvent,
    CompetencyRating,
    JoinedBy,
)
from candidates.selectors import own_words
from common.sql import union_rows_compiled
from development.models import RotationCompetencyScore
from development.selectors import profile_context as development_profile_context
from mentorship.models import Meeting
from mentorship.selectors import current_pairing
from reviews.models import ReviewMove
from succession.models import CompetencyTarget
from succession.selectors import candidate_gaps, evidence_by_nomination, targets_resolve
from succession.staleness import readiness_is_stale


@dataclass(frozen=True)
class PersonCard:
    pk: int
    full_name: str
    first_name: str
    title: str
    department: str
    location: str


@dataclass(frozen=True)
class CandidateCard:
    """What every actor of a candidate may read: no rating, no flight risk."""

    pk: int
    person: PersonCard
    status: str
    status_display: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(frozen=True)
class ConfidentialCard:
    """Ratings, 9-box, flight risk and the nomination: managers in the line only."""

    performance: int | None
    potential: int | None
    performance_display: str
    potential_display: str
    nine_box_label: str
    flight_risk: str
    flight_risk_display: str
    flight_risk_reason: str
    nominated_on: dt.date
    nominated_by: str
    nomination_reason: str
    by_application: bool
    aspirations: str
    motivators: str


def candidate_card(candidate: Candidate) -> CandidateCard:
    person = candidate.person
    return CandidateCard(
        pk=candidate.pk,
        person=PersonCard(
            pk=person.pk,
            full_name=person.full_name,
            first_name=person.first_name,
            title=person.title,
            department=person.department.name,
            location=person.location,
        ),
        status=candidate.status,
        status_display=candidate.get_status_display(),
        url=candidate.get_absolute_url(),
    )


def confidential_card(candidate: Candidate) -> ConfidentialCard:
    return ConfidentialCard(
        performance=candidate.performance,
        potential=candidate.potential,
        performance_display=candidate.get_performance_display() or "",
        potential_display=candidate.get_potential_display() or "",
        nine_box_label=candidate.nine_box_label,
        flight_risk=candidate.flight_risk,
        flight_risk_display=candidate.get_flight_risk_display(),
        flight_risk_reason=candidate.flight_risk_reason,
        nominated_on=candidate.nominated_on,
        nominated_by=candidate.nominated_by.full_name,
        nomination_reason=candidate.nomination_reason,
        by_application=candidate.joined_by == JoinedBy.APPLICATION,
        aspirations=candidate.aspirations,
        motivators=candidate.motivators,
    )


def candidate_profile(
    *, candidate: Candidate, permissions: CandidatePermissions, today: dt.date | None = None
) -> dict:
    """Everything the profile shows; the confidential parts only when permitted, and
    the candidate as a card that does not carry them otherwise."""
    today = today or timezone.localdate()
    pairing = current_pairing(candidate=candidate)
    agreement, progress = open_agreement_with_progress(candidate=candidate)
    events = CandidateEvent.objects.filter(candidate=candidate).select_related("actor")
    if not permissions.sees_confidential:
        events = events.filter(confidential=False)
    context = {
        "candidate": candidate_card(candidate),
        "permissions": permissions,
        "pairing": pairing,
        "agreement": agreement,
        "progress": progress,
        "timeline": events[:100],
        **development_profile_context(candidate=candidate),
    }
    if permissions.sees_confidential or permissions.is_mentor:
        context.update(own_words(candidate=candidate))
    if permissions.sees_confidential:
        context["ratings_card"] = confidential_card(candidate)
        # Each rating names the talent review that made it; the others were changed
        # outside any session, and the history says so.
        context["ratings"] = candidate.ratings.select_related("rated_by").annotate(
            review_name=Subquery(
                ReviewMove.objects.filter(rating=OuterRef("pk")).values("review__name")[:1]
            )
        )[:20]
        nominations = list(
            candidate.nominations.select_related("position", "readiness_confirmed_by")
            .annotate(is_stale=readiness_is_stale(today))
            .order_by("-is_active", "readiness", "position__title")
        )
        evidence = evidence_by_nomination([n.pk for n in nominations if n.is_active])
        for nomination in nominations:
            nomination.evidence_list = evidence.get(nomination.pk, [])
            nomination.is_stale = nomination.is_active and nomination.is_stale
        context["nominations"] = nominations
        positions = [n.position for n in nominations if n.is_active]
        facts = competency_facts(candidate=candidate, positions=positions)
        context.update(facts["ratings"])
        context["target_gaps"] = candidate_gaps(
            candidate=candidate,
            latest={r.competency_id: r.score for r in context["competencies"]},
            nominations=nominations,
            targets_named=targets_resolve(rows=facts["targets"], positions=positions),
        )
        context["host_scores"] = facts["host"]
        context["competency_data"] = competency_chart(
            latest=context["competencies"], host=context["host_scores"]
        )
        context["potential_reads"] = facts["reads"]
        # Their own view beside the managers' latest score, competency by competency.
        managers = {r.competency_id: r.score for r in context["competencies"]}
        for row in context["self_assessment"]:
            row.managers_score = managers.get(row.competency_id)
        context["follow_ups"] = candidate.follow_ups.filter(done_at__isnull=True).select_related(
            "position", "owner"
        )
    return context


def _char(expression) -> Cast:
    return Cast(expression, output_field=CharField())


def _int(expression) -> Cast:
    return Cast(expression, output_field=IntegerField())


# The competency picture's one row shape, with what a source that lacks a column reads.
FACT_COLUMNS = {
    "cf_source": _char(Value("")),
    "cf_pk": F("pk"),
    "cf_competency": _int(Value(None)),
    "cf_name": _char(Value("")),
    "cf_order": _int(Value(None)),
    "cf_score": _int(Value(None)),
    "cf_on": Cast(Value(None), output_field=DateField()),
    "cf_by": _char(Value("")),
    "cf_note": _char(Value("")),
    "cf_place": _char(Value("")),
    "cf_position": _int(Value(None)),
    "cf_level": _int(Value(None)),
}


def _competency_parts(
    candidate_id: int, person_id: int, position_ids: list[int], levels: list[int]
) -> list:
    """The sources of the competency picture, each shaped as ``FACT_COLUMNS``."""
    parts = [
        (
            CompetencyRating.objects.filter(candidate_id=candidate_id),
            {
                "cf_source": _char(Value("rating")),
                "cf_competency": F("competency_id"),
                "cf_name": _char("competency__name"),
                "cf_order": _int("competency__order"),
                "cf_score": _int("score"),
                "cf_on": F("rated_on"),
                "cf_by": _char("rated_by__full_name"),
                "cf_note": _char("note"),
            },
        ),
        (
            RotationCompetencyScore.objects.filter(
                rotation__person_id=person_id, rotation__assessed_on__isnull=False
            ),
            {
                "cf_source": _char(Value("host")),
                "cf_competency": F("competency_id"),
                "cf_name": _char("competency__name"),
                "cf_order": _int("competency__order"),
                "cf_score": _int("score"),
                "cf_on": F("rotation__assessed_on"),
                "cf_by": _char(Coalesce("rotation__assessed_by__full_name", Value(""))),
                "cf_place": _char("rotation__host_department__name"),
            },
        ),
        (
            Meeting.objects.filter(
                pairing__candidate_id=candidate_id, potential_read__isnull=False
            ),
            {
                "cf_source": _char(Value("read")),
                "cf_score": _int("potential_read"),
                "cf_on": F("held_on"),
                "cf_by": _char("author__full_name"),
            },
        ),
    ]
    if position_ids:
        targets = CompetencyTarget.objects.filter(
            Q(position__in=position_ids) | Q(level__in=levels), competency__is_active=True
        )
        parts.append(
            (
                targets,
                {
                    "cf_source": _char(Value("target")),
                    "cf_competency": F("competency_id"),
                    "cf_name": _char("competency__name"),
                    "cf_order": _int("competency__order"),
                    "cf_score": _int("target"),
                    "cf_position": _int("position_id"),
                    "cf_level": _int("level"),
                },
            )
        )
    return parts


def _ratings_shaped(rows: list[dict]) -> dict:
    """The managers' ratings as ``competency_ratings`` returns them: the latest per
    competency in the model's order, and the history newest first."""
    ratings = sorted(
        (r for r in rows if r["cf_source"] == "rating"),
        key=lambda r: (r["cf_on"], r["cf_pk"]),
        reverse=True,
    )
    history = [
        SimpleNamespace(
            competency_id=r["cf_competency"],
            competency=SimpleNamespace(name=r["cf_name"], order=r["cf_order"]),
            score=r["cf_score"],
            rated_on=r["cf_on"],
            rated_by=SimpleNamespace(full_name=r["cf_by"]),
            note=r["cf_note"],
        )
        for r in ratings
    ]
    latest: dict[int, SimpleNamespace] = {}
    for rating in history:
        latest.setdefault(rating.competency_id, rating)
    return {
        "competencies": sorted(
            latest.values(), key=lambda r: (r.competency.order, r.competency.name)
        ),
        "competency_history": history[:60],
    }


def _host_scores_shaped(rows: list[dict]) -> list[dict]:
    """The rotation hosts' scores, newest first."""
    hosts = sorted(
        (r for r in rows if r["cf_source"] == "host"),
        key=lambda r: (r["cf_on"], -(r["cf_order"] or 0)),
        reverse=True,
    )
    return [
        {
            "competency_id": r["cf_competency"],
            "competency__name": r["cf_name"],
            "competency__order": r["cf_order"],
            "score": r["cf_score"],
            "rotation__assessed_on": r["cf_on"],
            "rotation__host_department__name": r["cf_place"],
            "rotation__assessed_by__full_name": r["cf_by"],
        }
        for r in hosts
    ]


def _reads_shaped(rows: list[dict]) -> list[dict]:
    """The mentor's last reads of potential, oldest first (as ``potential_reads``)."""
    reads = sorted(
        (r for r in rows if r["cf_source"] == "read"), key=lambda r: (r["cf_on"], r["cf_pk"])
    )[-READS_SHOWN:]
    return [
        {"held_on": r["cf_on"], "potential_read": r["cf_score"], "author__full_name": r["cf_by"]}
        for r in reads
    ]


def competency_facts(*, candidate: Candidate, positions: list) -> dict:
    """The profile's competency picture in ONE query (a UNION ALL of one row shape):
    the managers' ratings, the rotation hosts' scores, the mentor's reads of potential,
    and the target rows of the positions the candidate is nominated for, each then
    shaped as the profile's template reads it (the target rows for ``targets_resolve``)."""
    rows = union_rows_compiled(
        "competency_facts",
        FACT_COLUMNS,
        _competency_parts,
        candidate_id=candidate.pk,
        person_id=candidate.person_id,
        position_ids=[p.pk for p in positions],
        levels=sorted({p.level for p in positions}),
    )
    target_columns = ("cf_position", "cf_level", "cf_competency", "cf_score", "cf_order", "cf_name")
    return {
        "ratings": _ratings_shaped(rows),
        "host": _host_scores_shaped(rows),
        "reads": _reads_shaped(rows),
        "targets": [
            tuple(r[column] for column in target_columns)
            for r in rows
            if r["cf_source"] == "target"
        ],
    }


# As many reads of potential as the profile shows (mentorship.selectors.potential_reads).
READS_SHOWN = 12


def competency_chart(*, latest, host: list[dict]) -> dict:
    """The profile's chart: per competency, the latest rating of a manager and the latest
    score of a rotation host (two sources, shown apart), in the model's order."""
    names: dict[int, tuple[int, str]] = {}
    managers: dict[int, int] = {}
    hosts: dict[int, int] = {}
    for rating in latest:
        names[rating.competency_id] = (rating.competency.order, rating.competency.name)
        managers[rating.competency_id] = rating.score
    for row in host:
        names.setdefault(row["competency_id"], (row["competency__order"], row["competency__name"]))
        hosts.setdefault(row["competency_id"], row["score"])
    order = sorted(names, key=lambda pk: names[pk])
    return {
        "labels": [names[pk][1] for pk in order],
        "scores": [managers.get(pk) for pk in order],
        "host": [hosts.get(pk) for pk in order],
    }
