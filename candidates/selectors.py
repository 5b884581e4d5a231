"""Reads of the talent base: key positions with their bench, the succession chain, the
conversations due, the people a manager may nominate, the filter bar's choices.

Every queryset starts from an access-filtered queryset (``candidates.access``), and what
a viewer may not see (flight risk, 9-box, names outside their line) is left out of the
rows, not hidden by a template.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .access import (
    candidates_managed_by,
    in_line_q,
    people_managed_by,
    positions_visible_to,
    viewer_for,
)
from .models import (
    SUCCESSION_REACH_LEVELS,
    Candidate,
    CandidateStatus,
    Department,
    FlightRisk,
    FollowUp,
    KeyPosition,
    Level,
    Person,
    Readiness,
    SuccessorNomination,
)

READINESS_ORDER = {value: index for index, value in enumerate(Readiness.values)}


class SubqueryCount(Subquery):
    """A correlated COUNT(*) of a queryset, portable across SQLite and PostgreSQL."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def count_subquery(queryset: QuerySet) -> SubqueryCount:
    return SubqueryCount(queryset.order_by().values("pk"))


def filter_options(*, user) -> dict:
    """Choices for the filter bar, limited to what the user may see."""
    return {
        "departments": list(
            Department.objects.filter(
                pk__in=candidates_managed_by(user).values("person__department")
            )
            .order_by("name")
            .values_list("pk", "name")
        ),
        "levels": Level.choices,
        "positions": list(positions_visible_to(user).order_by("title").values_list("pk", "title")),
    }


# --- Key positions ----------------------------------------------------------------------


def _bench_nominations():
    """The nominations a bench counts: open ones, of active candidates."""
    return SuccessorNomination.objects.filter(
        position=OuterRef("pk"), is_active=True, candidate__status=CandidateStatus.ACTIVE
    )


def _bench(viewer, readiness: str | None = None, *, in_line: bool = True) -> SubqueryCount:
    nominations = _bench_nominations()
    if readiness:
        nominations = nominations.filter(readiness=readiness)
    line = in_line_q(viewer, "candidate__person__")
    return count_subquery(nominations.filter(line) if in_line else nominations.exclude(line))


def positions_with_bench(*, user) -> list[KeyPosition]:
    """Positions with bench strength and succession risk, risk first.

    The bench per readiness counts the successors in the viewer's line; the others are
    one number (``bench_outside``), never named or rated. The risk is the position's own
    (every nominee counts). The incumbent's flight risk shows only when the incumbent is
    in the viewer's line (never the viewer's own)."""
    viewer = viewer_for(user)
    incumbent_risk = Candidate.objects.filter(
        Q(person=OuterRef("incumbent")) & in_line_q(viewer, "person__")
    ).values("flight_risk")[:1]
    positions = list(
        positions_visible_to(user)
        .select_related("department", "incumbent")
        .annotate(
            ready_now=_bench(viewer, Readiness.READY_NOW),
            ready_1_2=_bench(viewer, Readiness.ONE_TO_TWO_YEARS),
            ready_3_5=_bench(viewer, Readiness.THREE_TO_FIVE_YEARS),
            bench_outside=_bench(viewer, in_line=False),
            ready_now_all=count_subquery(
                _bench_nominations().filter(readiness=Readiness.READY_NOW)
            ),
            bench_all=count_subquery(_bench_nominations()),
            incumbent_flight_risk=Subquery(incumbent_risk),
            incumbent_high_risk=Coalesce(
                Subquery(
                    Candidate.objects.filter(
                        person=OuterRef("incumbent"), flight_risk=FlightRisk.HIGH
                    ).values("pk")[:1]
                ),
                0,
            ),
        )
    )
    for position in positions:
        position.bench_total = position.ready_now + position.ready_1_2 + position.ready_3_5
        position.risk_reasons = succession_risk_reasons(position)
        position.at_risk = bool(position.risk_reasons)
    positions.sort(key=lambda p: (not p.at_risk, -len(p.risk_reasons), -p.level, p.title))
    return positions


def succession_risk_reasons(position: KeyPosition) -> list[str]:
    reasons = []
    if position.incumbent_id is None:
        reasons.append("vacant")
    if position.ready_now_all == 0:
        reasons.append("no ready-now successor")
    if position.incumbent_high_risk and position.bench_all < 2:
        reasons.append("incumbent may leave, thin bench")
    return reasons


def position_succession(*, user, position: KeyPosition) -> dict:
    """ "If the incumbent left tomorrow": the nominees in the viewer's line ranked (ready
    now first, then the highest rated), for each ready-now successor who would backfill
    their own role, and how many nominees lie outside the viewer's line."""
    viewer = viewer_for(user)
    line = in_line_q(viewer, "candidate__person__")
    active = SuccessorNomination.objects.filter(
        position=position, is_active=True, candidate__status=CandidateStatus.ACTIVE
    )
    nominations = list(
        active.filter(line).select_related("candidate__person__department", "nominated_by")
    )
    nominations.sort(
        key=lambda n: (
            READINESS_ORDER[n.readiness],
            -(n.candidate.performance or 0) - (n.candidate.potential or 0),
            n.candidate.person.full_name,
        )
    )
    ready_now = [n for n in nominations if n.readiness == Readiness.READY_NOW]
    # One level of cascade: positions the ready-now successors hold, and their benches.
    held = {
        p.incumbent_id: p
        for p in KeyPosition.objects.filter(
            incumbent__in=[n.candidate.person_id for n in ready_now], is_active=True
        )
    }
    backfills = defaultdict(list)
    for nomination in (
        SuccessorNomination.objects.filter(
            position__in=held.values(), is_active=True, candidate__status=CandidateStatus.ACTIVE
        )
        .filter(line)
        .select_related("candidate__person")
        .order_by("readiness", "candidate__person__full_name")
    ):
        backfills[nomination.position_id].append(nomination)
    # Someone in the successor's own team who is in the pool, when no position is held.
    reports = defaultdict(list)
    for candidate in (
        candidates_managed_by(user)
        .filter(person__manager__in=[n.candidate.person_id for n in ready_now])
        .select_related("person")
    ):
        reports[candidate.person.manager_id].append(candidate)
    chain = [
        {
            "nomination": nomination,
            "own_position": held.get(nomination.candidate.person_id),
            "backfill": backfills.get(held[nomination.candidate.person_id].pk, [])
            if nomination.candidate.person_id in held
            else [],
            "team_candidates": reports.get(nomination.candidate.person_id, []),
        }
        for nomination in ready_now
    ]
    outside = active.exclude(line).aggregate(n=Count("pk"))["n"]
    return {
        "nominations": nominations,
        "ready_now": ready_now,
        "chain": chain,
        "bench_outside": outside,
    }


def successor_choices(*, user, position: KeyPosition) -> QuerySet[Candidate]:
    """Active candidates in the user's line who could succeed to ``position``: below its
    level (up to three levels), not its incumbent, not on its bench yet."""
    return (
        candidates_managed_by(user)
        .filter(
            status=CandidateStatus.ACTIVE,
            person__level__lt=position.level,
            person__level__gte=position.level - SUCCESSION_REACH_LEVELS,
        )
        .exclude(person=position.incumbent_id)
        .exclude(
            Exists(
                SuccessorNomination.objects.filter(
                    candidate=OuterRef("pk"), position=position, is_active=True
                )
            )
        )
        .select_related("person")
        .order_by("person__full_name")
    )


def positions_within_reach(*, user, candidate: Candidate) -> QuerySet[KeyPosition]:
    """The key positions the user may see that the candidate could succeed to: one to
    ``SUCCESSION_REACH_LEVELS`` levels above their own, not one they hold."""
    level = candidate.person.level
    return (
        positions_visible_to(user)
        .filter(level__gt=level, level__lte=level + SUCCESSION_REACH_LEVELS)
        .exclude(incumbent=candidate.person_id)
        .select_related("department")
        .order_by("-level", "title")
    )


def follow_ups_open_for_user(*, user) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.filter(
            done_at__isnull=True, candidate__in=candidates_managed_by(user).values("pk")
        )
        .select_related("candidate__person", "position", "owner")
        .order_by("created_at")
    )


def people_nominable(*, user) -> QuerySet[Person]:
    """People in the user's scope who are not in the pool yet."""
    return people_managed_by(user).filter(candidacy__isnull=True).order_by("full_name")


def latest_competency_scores(*, candidate: Candidate) -> dict[int, int]:
    """The latest score per competency (any rater), by competency id."""
    return {
        rating.competency_id: rating.score
        for rating in competency_ratings(candidate=candidate)["competencies"]
    }


def competency_ratings(*, candidate: Candidate) -> dict:
    """The competency picture of the profile: the latest rating per competency, and the
    history, newest first; read in one query."""
    rows = list(
        candidate.competency_ratings.select_related("competency", "rated_by").order_by(
            "-rated_on", "-pk"
        )
    )
    latest = {}
    for row in rows:
        latest.setdefault(row.competency_id, row)
    return {
        "competencies": sorted(
            latest.values(), key=lambda r: (r.competency.order, r.competency.name)
        ),
        "competency_history": rows[:60],
    }
