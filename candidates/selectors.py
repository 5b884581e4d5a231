"""Reads for the managers' dashboards: the pool, the 9-box, key positions, the profile.

Every queryset here starts from an access-filtered queryset (supportlead.access) and
gathers what a page shows with annotations and prefetches, so a page costs the same
number of queries for 30 candidates as for 10,000.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone

from agreements.models import Commitment, LeadershipAgreement
from mentorship.models import MentorPairing
from supportlead.access import candidates_managed_by, roles_for

from .models import (
    Candidate,
    CandidateEvent,
    FlightRisk,
    FollowUp,
    KeyPosition,
    Person,
    Readiness,
    Rotation,
    SuccessorNomination,
)

READINESS_ORDER = {value: index for index, value in enumerate(Readiness.values)}

SORTS = {
    "name": ("person__full_name",),
    "department": ("person__department__name", "person__full_name"),
    "level": ("person__level", "person__full_name"),
    "performance": ("performance", "potential", "person__full_name"),
    "potential": ("potential", "performance", "person__full_name"),
    "flight_risk": ("flight_risk_rank", "person__full_name"),
    "last_checkin": ("last_met_on", "person__full_name"),
    "progress": ("commitments_done", "person__full_name"),
    "rotations": ("rotations_done", "person__full_name"),
}


class SubqueryCount(Subquery):
    """A correlated COUNT(*) of a queryset, portable across SQLite and PostgreSQL."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def _count_subquery(queryset: QuerySet) -> SubqueryCount:
    return SubqueryCount(queryset.order_by().values("pk"))


def _active_pairing(outer: str = "pk") -> QuerySet:
    return MentorPairing.objects.filter(
        candidate=OuterRef(outer), status=MentorPairing.Status.ACTIVE
    )


def _open_commitments(outer: str = "pk") -> QuerySet:
    return Commitment.objects.filter(
        agreement__candidate=OuterRef(outer),
        removed=False,
        proposal=Commitment.Proposal.ACCEPTED,
    ).exclude(agreement__status=LeadershipAgreement.Status.CLOSED)


def overdue_checkin_q(today: dt.date, prefix: str = "") -> Q:
    """Pairings whose last check-in (or start) is older than their cadence. Cadences are
    a handful of values: one date comparison per value keeps it portable and indexable."""
    cadences = (
        MentorPairing.objects.filter(status=MentorPairing.Status.ACTIVE)
        .order_by()
        .values_list("cadence_days", flat=True)
        .distinct()
    )
    condition = Q(pk__in=[])
    for cadence in cadences:
        limit = today - dt.timedelta(days=cadence)
        condition |= Q(**{f"{prefix}cadence_days": cadence}) & (
            Q(**{f"{prefix}last_met_on__lt": limit})
            | Q(**{f"{prefix}last_met_on__isnull": True, f"{prefix}starts_on__lt": limit})
        )
    return condition


def pool_annotate(queryset: QuerySet[Candidate]) -> QuerySet[Candidate]:
    pairing = _active_pairing()
    commitments = _open_commitments()
    return (
        queryset.select_related("person__department")
        .annotate(
            mentor_name=Subquery(pairing.values("mentor__full_name")[:1]),
            mentor_id=Subquery(pairing.values("mentor_id")[:1]),
            cadence_days=Subquery(pairing.values("cadence_days")[:1]),
            last_met_on=Subquery(pairing.values("last_met_on")[:1]),
            pairing_starts_on=Subquery(pairing.values("starts_on")[:1]),
            company_done=_count_subquery(commitments.filter(side="company", status="done")),
            company_total=_count_subquery(
                commitments.filter(side="company").exclude(status="dropped")
            ),
            candidate_done=_count_subquery(commitments.filter(side="candidate", status="done")),
            candidate_total=_count_subquery(
                commitments.filter(side="candidate").exclude(status="dropped")
            ),
            rotations_done=_count_subquery(
                Rotation.objects.filter(person=OuterRef("person"), status=Rotation.Status.COMPLETED)
            ),
            agreement_id=Subquery(
                LeadershipAgreement.objects.filter(candidate=OuterRef("pk"))
                .exclude(status=LeadershipAgreement.Status.CLOSED)
                .values("pk")[:1]
            ),
        )
        .prefetch_related(
            Prefetch(
                "nominations",
                queryset=SuccessorNomination.objects.filter(is_active=True)
                .select_related("position")
                .order_by("readiness", "position__title"),
                to_attr="active_nominations",
            )
        )
    )


@dataclass
class PoolFilters:
    q: str = ""
    department: int | None = None
    level: int | None = None
    status: str = ""
    readiness: str = ""
    position: int | None = None
    flight_risk: str = ""
    has_mentor: str = ""  # "yes" / "no"
    overdue: bool = False
    performance: int | None = None
    potential: int | None = None
    sort: str = "name"
    descending: bool = False
    extra: dict = field(default_factory=dict)


def pool_filter(
    queryset: QuerySet[Candidate], filters: PoolFilters, *, today: dt.date | None = None
) -> QuerySet[Candidate]:
    today = today or timezone.localdate()
    if filters.q:
        for word in filters.q.split():
            queryset = queryset.filter(
                Q(person__full_name__icontains=word) | Q(person__title__icontains=word)
            )
    if filters.department:
        queryset = queryset.filter(person__department_id=filters.department)
    if filters.level:
        queryset = queryset.filter(person__level=filters.level)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.flight_risk:
        queryset = queryset.filter(flight_risk=filters.flight_risk)
    if filters.performance:
        queryset = queryset.filter(performance=filters.performance)
    if filters.potential:
        queryset = queryset.filter(potential=filters.potential)
    if filters.readiness or filters.position:
        nominations = SuccessorNomination.objects.filter(candidate=OuterRef("pk"), is_active=True)
        if filters.readiness:
            nominations = nominations.filter(readiness=filters.readiness)
        if filters.position:
            nominations = nominations.filter(position_id=filters.position)
        queryset = queryset.filter(Exists(nominations))
    if filters.has_mentor == "yes":
        queryset = queryset.filter(Exists(_active_pairing()))
    elif filters.has_mentor == "no":
        queryset = queryset.filter(~Exists(_active_pairing()))
    if filters.overdue:
        queryset = queryset.filter(Exists(_active_pairing().filter(overdue_checkin_q(today))))
    return queryset


def pool_sort(queryset: QuerySet[Candidate], filters: PoolFilters) -> QuerySet[Candidate]:
    from django.db.models import Case, When

    fields = SORTS.get(filters.sort, SORTS["name"])
    if filters.sort == "flight_risk":
        queryset = queryset.annotate(
            flight_risk_rank=Case(
                When(flight_risk=FlightRisk.HIGH, then=Value(3)),
                When(flight_risk=FlightRisk.MEDIUM, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    if filters.sort == "progress":
        # commitments_done is the sum of both sides' done counts.
        queryset = queryset.alias(
            commitments_done=_count_subquery(_open_commitments().filter(status="done"))
        )
    ordering = []
    for name in fields:
        if filters.descending and name == fields[0]:
            ordering.append(f"-{name}")
        else:
            ordering.append(name)
    return queryset.order_by(*ordering, "pk")


def pool_for_user(*, user, filters: PoolFilters) -> QuerySet[Candidate]:
    queryset = pool_filter(candidates_managed_by(user), filters)
    return pool_sort(pool_annotate(queryset), filters)


def checkin_state(candidate: Candidate, *, today: dt.date | None = None) -> dict:
    """Days since the last check-in and whether the pairing is past its cadence."""
    today = today or timezone.localdate()
    if not getattr(candidate, "mentor_name", None):
        return {"days": None, "overdue": False}
    since = candidate.last_met_on or candidate.pairing_starts_on
    days = (today - since).days if since else None
    return {"days": days, "overdue": days is not None and days > candidate.cadence_days}


def filter_options(*, user) -> dict:
    """Choices for the filter bar, limited to what the user may see."""
    from .models import Department, Level

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


# --- 9-box ------------------------------------------------------------------------------

NINE_BOX_NAMES_PER_CELL = 8


def ninebox_for_user(*, user, filters: PoolFilters) -> list[list[dict]]:
    """Rows top (high potential) to bottom, columns low to high performance; each cell
    with its count and its first names. Two queries: counts, then the names to show."""
    from .models import NINE_BOX_LABELS

    base = pool_filter(candidates_managed_by(user), filters).filter(
        performance__isnull=False, potential__isnull=False
    )
    counts = {
        (row["performance"], row["potential"]): row["n"]
        for row in base.values("performance", "potential").annotate(n=Count("pk")).order_by()
    }
    names: dict[tuple[int, int], list] = defaultdict(list)
    # The first names per cell in one query: a window would be neater, but a bounded scan
    # over the (performance, potential, name) index is as fast and works everywhere.
    for row in base.order_by("performance", "potential", "person__full_name").values(
        "pk", "performance", "potential", "person__full_name", "flight_risk"
    )[: 9 * 200]:
        cell = names[(row["performance"], row["potential"])]
        if len(cell) < NINE_BOX_NAMES_PER_CELL:
            cell.append(row)
    grid = []
    for potential in (3, 2, 1):
        grid.append(
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
        )
    return grid


# --- Key positions ----------------------------------------------------------------------


def positions_visible_to(user) -> QuerySet[KeyPosition]:
    """view_all_talent: every position. A line manager: positions held by themselves or
    by someone in their line, and positions whose nominees they manage."""
    roles = roles_for(user)
    if roles.view_all:
        return KeyPosition.objects.filter(is_active=True)
    person = roles.person
    if person is None or not roles.manager:
        return KeyPosition.objects.none()
    managed = candidates_managed_by(user)
    return KeyPosition.objects.filter(is_active=True).filter(
        Q(incumbent=person)
        | Q(incumbent__reporting_path__startswith=person.reporting_path)
        | Q(
            Exists(
                SuccessorNomination.objects.filter(
                    position=OuterRef("pk"), is_active=True, candidate__in=managed.values("pk")
                )
            )
        )
    )


def _bench_count(readiness: str) -> SubqueryCount:
    return _count_subquery(
        SuccessorNomination.objects.filter(
            position=OuterRef("pk"), is_active=True, readiness=readiness
        )
    )


def positions_with_bench(*, user) -> list[KeyPosition]:
    """Positions with bench strength and succession risk, risk first. Two queries."""
    incumbent_risk = Candidate.objects.filter(person=OuterRef("incumbent")).values("flight_risk")[
        :1
    ]
    positions = list(
        positions_visible_to(user)
        .select_related("department", "incumbent")
        .annotate(
            ready_now=_bench_count(Readiness.READY_NOW),
            ready_1_2=_bench_count(Readiness.ONE_TO_TWO_YEARS),
            ready_3_5=_bench_count(Readiness.THREE_TO_FIVE_YEARS),
            incumbent_flight_risk=Subquery(incumbent_risk),
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
    if position.ready_now == 0:
        reasons.append("no ready-now successor")
    if position.incumbent_flight_risk == FlightRisk.HIGH and position.bench_total < 2:
        reasons.append("incumbent may leave, thin bench")
    return reasons


def position_get_for_user(*, user, pk: int) -> KeyPosition:
    from django.http import Http404

    try:
        return positions_visible_to(user).select_related("department", "incumbent").get(pk=pk)
    except KeyPosition.DoesNotExist:
        raise Http404("No such key position.") from None


def position_succession(*, user, position: KeyPosition) -> dict:
    """ "If the incumbent left tomorrow": nominees ranked (ready now first, then the
    highest rated), and for each ready-now successor who would backfill their own role."""
    managed = candidates_managed_by(user)
    nominations = list(
        SuccessorNomination.objects.filter(
            position=position, is_active=True, candidate__in=managed.values("pk")
        )
        .select_related("candidate__person__department")
        .order_by("readiness", "-candidate__performance", "-candidate__potential")
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
            position__in=held.values(), is_active=True, candidate__in=managed.values("pk")
        )
        .select_related("candidate__person")
        .order_by("readiness", "candidate__person__full_name")
    ):
        backfills[nomination.position_id].append(nomination)
    # Someone in the successor's own team who is in the pool, when no position is held.
    reports = defaultdict(list)
    for candidate in managed.filter(
        person__manager__in=[n.candidate.person_id for n in ready_now]
    ).select_related("person"):
        reports[candidate.person.manager_id].append(candidate)
    chain = []
    for nomination in ready_now:
        own_position = held.get(nomination.candidate.person_id)
        chain.append(
            {
                "nomination": nomination,
                "own_position": own_position,
                "backfill": backfills.get(own_position.pk, []) if own_position else [],
                "team_candidates": reports.get(nomination.candidate.person_id, []),
            }
        )
    return {"nominations": nominations, "ready_now": ready_now, "chain": chain}


# --- Candidate profile ------------------------------------------------------------------


def candidate_profile(*, candidate: Candidate, confidential: bool) -> dict:
    """Everything the profile shows. Confidential parts only when ``confidential``."""
    pairing = (
        MentorPairing.objects.filter(candidate=candidate)
        .exclude(status=MentorPairing.Status.ENDED)
        .select_related("mentor")
        .order_by("status")  # active before paused
        .first()
    )
    agreement = (
        LeadershipAgreement.objects.filter(candidate=candidate)
        .exclude(status=LeadershipAgreement.Status.CLOSED)
        .select_related("sponsor")
        .first()
    )
    progress = {}
    if agreement:
        for side in ("company", "candidate"):
            rows = [
                c
                for c in agreement.commitments.all()
                if c.side == side and not c.removed and c.proposal == "accepted"
            ]
            done = sum(1 for c in rows if c.status == "done")
            total = sum(1 for c in rows if c.status != "dropped")
            progress[side] = {
                "done": done,
                "total": total,
                "percent": round(100 * done / total) if total else 0,
            }
    events = CandidateEvent.objects.filter(candidate=candidate).select_related("actor")
    if not confidential:
        events = events.filter(confidential=False)
    context = {
        "pairing": pairing,
        "agreement": agreement,
        "progress": progress,
        "timeline": events[:100],
    }
    if confidential:
        context["ratings"] = candidate.ratings.select_related("rated_by")[:20]
        context["nominations"] = candidate.nominations.select_related("position").order_by(
            "-is_active", "readiness"
        )
        competency_rows = candidate.competency_ratings.select_related("competency").order_by(
            "competency__order", "-rated_on"
        )
        latest = {}
        for row in competency_rows:
            latest.setdefault(row.competency_id, row)
        context["competencies"] = sorted(latest.values(), key=lambda r: r.competency.order)
        context["competency_data"] = {
            "labels": [r.competency.name for r in context["competencies"]],
            "scores": [r.score for r in context["competencies"]],
        }
        context["follow_ups"] = candidate.follow_ups.filter(done_at__isnull=True).select_related(
            "position", "owner"
        )
    return context


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
    from supportlead.access import people_managed_by

    return people_managed_by(user).filter(candidacy__isnull=True).order_by("full_name")
