"""Reads for the pages that cross apps: the talent pool, the 9-box, the profile, /me/,
the development overview. Each starts from an access-filtered queryset and gathers what
its page shows in a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, RowNumber
from django.utils import timezone

from agreements.selectors import (
    me_context as agreement_me_context,
)
from agreements.selectors import (
    open_agreement,
    open_agreement_with_progress,
    progress_annotations,
)
from audit import record as audit
from candidates.access import CandidatePermissions, candidates_managed_by, talent_pool
from candidates.models import (
    NINE_BOX_LABELS,
    Candidate,
    CandidateEvent,
    CompetencyRating,
    Department,
    FlightRisk,
    Level,
)
from common.actor import Actor
from common.sql import count_subquery, union_rows
from development.models import Rotation, RotationCompetencyScore
from development.selectors import me_context as development_me_context
from development.selectors import profile_context as development_profile_context
from mentorship.models import Meeting
from mentorship.selectors import checkin_overdue, current_pairing
from mentorship.selectors import me_context as mentorship_me_context
from reviews.models import ReviewMove
from succession.access import positions_visible_to
from succession.models import CompetencyTarget, Readiness, SuccessorNomination
from succession.selectors import candidate_gaps, evidence_by_nomination, targets_resolve
from succession.staleness import readiness_is_stale, readiness_stale_q

from .filters import PoolFilter


def filter_options(*, actor: Actor) -> dict:
    """Choices for the filter bar, limited to what the actor may see."""
    return {
        "departments": list(
            Department.objects.filter(
                pk__in=candidates_managed_by(actor).values("person__department")
            )
            .order_by("name")
            .values_list("pk", "name")
        ),
        "levels": Level.choices,
        "positions": list(positions_visible_to(actor).order_by("title").values_list("pk", "title")),
    }


def pool_queryset(
    *, actor: Actor, shown_as: str = audit.What.POOL, today: dt.date | None = None
) -> QuerySet[Candidate]:
    """The candidates the actor manages (``talent_pool``: the read is recorded as
    ``shown_as``), with what the pool shows and sorts on: one join
    to the active pairing (at most one per candidate, a database constraint), the
    agreement's progress (``agreements.selectors``), rotations done, target positions."""
    today = today or timezone.localdate()
    return (
        talent_pool(actor, shown_as=shown_as)
        .annotate(
            active_pairing=FilteredRelation("pairings", condition=Q(pairings__status="active"))
        )
        .select_related("person__department")
        .annotate(
            mentor_name=F("active_pairing__mentor__full_name"),
            cadence_days=F("active_pairing__cadence_days"),
            last_met_on=F("active_pairing__last_met_on"),
            checkin_due_on=F("active_pairing__checkin_due_on"),
            checkin_overdue=checkin_overdue(today, "active_pairing__"),
            agreement_id=open_agreement(),
            rotations_done=count_subquery(
                Rotation.objects.filter(person=OuterRef("person"), status=Rotation.Status.COMPLETED)
            ),
            flight_risk_rank=Case(
                When(flight_risk=FlightRisk.HIGH, then=Value(3)),
                When(flight_risk=FlightRisk.MEDIUM, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            **progress_annotations(),
        )
        .annotate(commitments_done=F("company_done") + F("candidate_done"))
        .prefetch_related(
            Prefetch(
                "nominations",
                queryset=SuccessorNomination.objects.filter(is_active=True)
                .select_related("position")
                .annotate(is_stale=readiness_is_stale(today))
                .order_by("readiness", "position__title"),
                to_attr="active_nominations",
            )
        )
        .order_by("person__full_name", "pk")
    )


def target_positions(*, candidates: QuerySet[Candidate]) -> dict[int, list[str]]:
    """Each candidate's open nominations as "title (readiness)", for the CSV: one query
    for all the filtered candidates."""
    readiness = dict(Readiness.choices)
    found: dict[int, list[str]] = defaultdict(list)
    for candidate_id, title, value in (
        SuccessorNomination.objects.filter(
            is_active=True, candidate__in=candidates.order_by().values("pk")
        )
        .order_by("candidate_id", "readiness", "position__title")
        .values_list("candidate_id", "position__title", "readiness")
        .iterator(chunk_size=5000)
    ):
        found[candidate_id].append(f"{title} ({readiness[value]})")
    return found


def pool_filterset(
    *, actor: Actor, data, options: dict, shown_as: str = audit.What.POOL
) -> PoolFilter:
    return PoolFilter(
        data,
        queryset=pool_queryset(actor=actor, shown_as=shown_as),
        departments=options["departments"],
        positions=options["positions"],
    )


# --- 9-box ------------------------------------------------------------------------------

NINE_BOX_NAMES_PER_CELL = 8


def ninebox_grid(
    *, candidates: QuerySet[Candidate], today: dt.date | None = None
) -> list[list[dict]]:
    """Rows top (high potential) to bottom, columns low to high performance; each cell
    with its count and its first names, each marked when a readiness of theirs is
    stale. Two queries: counts, then the names to show."""
    today = today or timezone.localdate()
    rated = candidates.filter(performance__isnull=False, potential__isnull=False).order_by()
    counts = {
        (row["performance"], row["potential"]): row["n"]
        for row in rated.values("performance", "potential").annotate(n=Count("pk"))
    }
    stale = SuccessorNomination.objects.filter(
        readiness_stale_q(today), candidate=OuterRef("pk"), is_active=True
    )
    # The first names of every cell, in one query: numbered within the cell by a window
    # function, then cut to NINE_BOX_NAMES_PER_CELL, so a crowded cell never hides another.
    ranked = (
        rated.annotate(
            cell_rank=Window(
                RowNumber(),
                partition_by=[F("performance"), F("potential")],
                order_by=[F("person__full_name").asc(), F("pk").asc()],
            ),
            stale_readiness=Exists(stale),
        )
        .filter(cell_rank__lte=NINE_BOX_NAMES_PER_CELL)
        .order_by("performance", "potential", "cell_rank")
        .values(
            "pk", "performance", "potential", "person__full_name", "flight_risk", "stale_readiness"
        )
    )
    names: dict[tuple[int, int], list] = defaultdict(list)
    for row in ranked:
        names[(row["performance"], row["potential"])].append(row)
    return [
        [
            {
                "performance": performance,
                "potential": potential,
                "label": NINE_BOX_LABELS[(performance, potential)],
                "count": counts.get((performance, potential), 0),
                "people": names.get((performance, potential), []),
            }
            for performance in (1, 2, 3)
        ]
        for potential in (3, 2, 1)
    ]


# --- A key position ---------------------------------------------------------------------


# --- The profile ------------------------------------------------------------------------


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


def competency_facts(*, candidate: Candidate, positions: list) -> dict:
    """The profile's competency picture in ONE query (a UNION ALL of one row shape):
    the managers' ratings, the rotation hosts' scores, the mentor's reads of potential,
    and the target rows of the positions the candidate is nominated for. Each source
    is then shaped as the profile's template reads it: the ratings as
    ``competency_ratings`` returns them, the hosts' scores newest first, the last reads
    oldest first (as ``potential_reads``), and the target rows for ``targets_resolve``."""
    parts = [
        (
            CompetencyRating.objects.filter(candidate=candidate),
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
                rotation__person_id=candidate.person_id, rotation__assessed_on__isnull=False
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
            Meeting.objects.filter(pairing__candidate=candidate, potential_read__isnull=False),
            {
                "cf_source": _char(Value("read")),
                "cf_score": _int("potential_read"),
                "cf_on": F("held_on"),
                "cf_by": _char("author__full_name"),
            },
        ),
    ]
    if positions:
        parts.append(
            (
                CompetencyTarget.objects.filter(
                    Q(position__in=[p.pk for p in positions])
                    | Q(level__in={p.level for p in positions}),
                    competency__is_active=True,
                ),
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
    rows = list(union_rows(FACT_COLUMNS, parts))
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
    host = [
        {
            "competency_id": r["cf_competency"],
            "competency__name": r["cf_name"],
            "competency__order": r["cf_order"],
            "score": r["cf_score"],
            "rotation__assessed_on": r["cf_on"],
            "rotation__host_department__name": r["cf_place"],
            "rotation__assessed_by__full_name": r["cf_by"],
        }
        for r in sorted(
            (r for r in rows if r["cf_source"] == "host"),
            key=lambda r: (r["cf_on"], -(r["cf_order"] or 0)),
            reverse=True,
        )
    ]
    reads = sorted(
        (r for r in rows if r["cf_source"] == "read"), key=lambda r: (r["cf_on"], r["cf_pk"])
    )[-READS_SHOWN:]
    return {
        "ratings": {
            "competencies": sorted(
                latest.values(), key=lambda r: (r.competency.order, r.competency.name)
            ),
            "competency_history": history[:60],
        },
        "host": host,
        "reads": [
            {
                "held_on": r["cf_on"],
                "potential_read": r["cf_score"],
                "author__full_name": r["cf_by"],
            }
            for r in reads
        ],
        "targets": [
            (
                r["cf_position"],
                r["cf_level"],
                r["cf_competency"],
                r["cf_score"],
                r["cf_order"],
                r["cf_name"],
            )
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


def my_plan(*, candidate: Candidate) -> dict:
    """/me/: each app's part (agreement first, then meetings, then experiences)."""
    return {
        "candidate": candidate_card(candidate),
        **agreement_me_context(candidate=candidate),
        **mentorship_me_context(candidate=candidate),
        **development_me_context(candidate=candidate),
    }
