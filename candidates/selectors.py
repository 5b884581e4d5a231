"""Reads of the talent base: key positions with their bench, the succession chain, the
conversations due, the people a manager may nominate, the filter bar's choices.

Every queryset starts from an access-filtered queryset (``candidates.access``), and what
a viewer may not see (flight risk, 9-box, names outside their line) is left out of the
rows, not hidden by a template.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from common.dates import months_before

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
    Competency,
    CompetencyTarget,
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


# --- Staleness: THE rule, for the pool, the positions, the profile, the 9-box, the
# reminder and the reports. A readiness is fresh as long as its last confirmation (set,
# changed or confirmed) or its newest evidence is at most READINESS_STALE_MONTHS old.


def readiness_stale_before(today: dt.date) -> dt.date:
    """A readiness last confirmed, and last evidenced, before this day is stale."""
    return months_before(today, settings.READINESS_STALE_MONTHS)


def readiness_stale_q(today: dt.date, prefix: str = "") -> Q:
    """Nominations (``prefix`` leads to one) whose readiness is stale on ``today``."""
    cutoff = readiness_stale_before(today)
    return Q(**{f"{prefix}readiness_confirmed_on__lt": cutoff}) & (
        Q(**{f"{prefix}evidence_latest_on__isnull": True})
        | Q(**{f"{prefix}evidence_latest_on__lt": cutoff})
    )


def readiness_is_stale(today: dt.date, prefix: str = "") -> ExpressionWrapper:
    """The rule as a column (``is_stale``)."""
    return ExpressionWrapper(readiness_stale_q(today, prefix), output_field=BooleanField())


def readiness_fresh_on(nomination: SuccessorNomination) -> dt.date:
    """The day the readiness was last backed: its confirmation or its newest evidence."""
    evidence = nomination.evidence_latest_on
    confirmed = nomination.readiness_confirmed_on
    return max(confirmed, evidence) if evidence else confirmed


# --- Key positions ----------------------------------------------------------------------


def _bench_nominations():
    """The nominations a bench counts: open ones, of active candidates."""
    return SuccessorNomination.objects.filter(
        position=OuterRef("pk"), is_active=True, candidate__status=CandidateStatus.ACTIVE
    )


BENCH = Q(nominations__is_active=True, nominations__candidate__status=CandidateStatus.ACTIVE)


def _bench(
    viewer,
    readiness: str | None = None,
    *,
    in_line: bool | None = True,
    stale_on: dt.date | None = None,
) -> Count:
    """One figure of the bench, counted over the position's nominations in the same
    grouped query as the others (``in_line``: the viewer's line, outside it, or None
    for every nominee)."""
    condition = BENCH
    if readiness:
        condition &= Q(nominations__readiness=readiness)
    if stale_on:
        condition &= readiness_stale_q(stale_on, "nominations__")
    if in_line is not None:
        line = in_line_q(viewer, "nominations__candidate__person__")
        condition &= line if in_line else ~line
    return Count("nominations", filter=condition)


def positions_with_bench(*, user, today: dt.date | None = None) -> QuerySet[KeyPosition]:
    """Positions with bench strength and succession risk, risk first, as a queryset the
    page sorts and paginates in SQL (``positions_page`` adds the reasons to a page).
    Every bench figure is a conditional count over one join to the nominations, grouped
    by position: one pass, whatever the number of positions.

    The bench per readiness counts the successors in the viewer's line, the stale ones
    apart; the others are one number (``bench_outside``), never named or rated. The risk
    is the position's own (every nominee counts). The incumbent's flight risk shows only
    when the incumbent is in the viewer's line (never the viewer's own)."""
    today = today or timezone.localdate()
    viewer = viewer_for(user)
    incumbent_risk = Candidate.objects.filter(
        Q(person=OuterRef("incumbent")) & in_line_q(viewer, "person__")
    ).values("flight_risk")[:1]
    return (
        positions_visible_to(user)
        .select_related("department", "incumbent")
        .annotate(
            ready_now=_bench(viewer, Readiness.READY_NOW),
            ready_1_2=_bench(viewer, Readiness.ONE_TO_TWO_YEARS),
            ready_3_5=_bench(viewer, Readiness.THREE_TO_FIVE_YEARS),
            bench_outside=_bench(viewer, in_line=False),
            ready_now_stale=_bench(viewer, Readiness.READY_NOW, stale_on=today),
            bench_stale=_bench(viewer, stale_on=today),
            ready_now_all=_bench(viewer, Readiness.READY_NOW, in_line=None),
            ready_now_stale_all=_bench(viewer, Readiness.READY_NOW, in_line=None, stale_on=today),
            bench_all=_bench(viewer, in_line=None),
            incumbent_flight_risk=Subquery(incumbent_risk),
            incumbent_high_risk=Exists(
                Candidate.objects.filter(person=OuterRef("incumbent"), flight_risk=FlightRisk.HIGH)
            ),
        )
        .annotate(
            # The same reasons as ``succession_risk_reasons``, counted in SQL to sort on.
            risk_count=_flag(Q(incumbent__isnull=True))
            + _flag(Q(ready_now_all=0))
            + _flag(Q(ready_now_all__gt=0, ready_now_stale_all=F("ready_now_all")))
            + _flag(Q(incumbent_high_risk=True, bench_all__lt=2))
        )
        .order_by(
            Case(When(risk_count__gt=0, then=Value(0)), default=Value(1)),
            "-risk_count",
            "-level",
            "title",
            "pk",
        )
    )


def positions_counts(positions: QuerySet[KeyPosition]) -> dict:
    """How many positions, and how many at risk, in one query."""
    return positions.aggregate(total=Count("pk"), at_risk=Count("pk", filter=Q(risk_count__gt=0)))


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def positions_page(positions: list[KeyPosition]) -> list[KeyPosition]:
    """The rows of one page, each with its bench total and its risk in words."""
    for position in positions:
        position.bench_total = position.ready_now + position.ready_1_2 + position.ready_3_5
        position.risk_reasons = succession_risk_reasons(position)
        position.at_risk = bool(position.risk_reasons)
    return positions


def succession_risk_reasons(position: KeyPosition) -> list[str]:
    reasons = []
    if position.incumbent_id is None:
        reasons.append("vacant")
    if position.ready_now_all == 0:
        reasons.append("no ready-now successor")
    elif position.ready_now_stale_all == position.ready_now_all:
        reasons.append("ready-now successors all stale")
    if position.incumbent_high_risk and position.bench_all < 2:
        reasons.append("incumbent may leave, thin bench")
    return reasons


def position_succession(*, user, position: KeyPosition, today: dt.date | None = None) -> dict:
    """ "If the incumbent left tomorrow": the nominees in the viewer's line ranked (ready
    now first, then the highest rated), for each ready-now successor who would backfill
    their own role, and how many nominees lie outside the viewer's line."""
    viewer = viewer_for(user)
    today = today or timezone.localdate()
    line = in_line_q(viewer, "candidate__person__")
    active = SuccessorNomination.objects.filter(
        position=position, is_active=True, candidate__status=CandidateStatus.ACTIVE
    )
    nominations = list(
        active.filter(line)
        .select_related("candidate__person__department", "nominated_by", "readiness_confirmed_by")
        .annotate(is_stale=readiness_is_stale(today))
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
        "ready_now_stale": sum(1 for n in ready_now if n.is_stale),
        "chain": chain,
        "bench_outside": outside,
        "stale_before": readiness_stale_before(today),
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


# A picker lists at most this many people; a longer list is searched first.
PICKER_LIMIT = 200


def people_matching_q(query: str, prefix: str = "") -> Q:
    """People (at ``prefix``) whose name, title or e-mail holds every word of ``query``:
    how every picker searches."""
    condition = Q()
    for word in query.split():
        condition &= (
            Q(**{f"{prefix}full_name__icontains": word})
            | Q(**{f"{prefix}title__icontains": word})
            | Q(**{f"{prefix}email__icontains": word})
        )
    return condition


def people_search(*, people: QuerySet[Person], query: str, limit: int) -> dict:
    """For a picker over ``people``: all of them when they are few; otherwise the first
    ``limit`` whose name, title or e-mail holds every word of ``query`` (none without a
    query). Two queries at most: how many, then the ones to list."""
    total = people.count()
    if total <= limit:
        return {"needs_search": False, "total": total, "people": people, "limit": limit}
    if not query:
        return {"needs_search": True, "total": total, "people": people.none(), "limit": limit}
    matching = people.filter(people_matching_q(query))
    return {
        "needs_search": True,
        "total": total,
        "people": matching.order_by("full_name", "pk")[:limit],
        "limit": limit,
    }


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


# --- Target competency profiles ---------------------------------------------------------


def position_targets(*, positions: list[KeyPosition]) -> dict[int, dict[int, int]]:
    """Each position's target per competency (id → 1–5): its own where set, else its
    level's. One query, whatever the number of positions."""
    return position_targets_named(positions=positions)[0]


def position_targets_named(
    *, positions: list[KeyPosition]
) -> tuple[dict[int, dict[int, int]], list[tuple[int, str]]]:
    """``position_targets`` and the competencies they name, in the model's order, from
    the same single query."""
    if not positions:
        return {}, []
    rows = CompetencyTarget.objects.filter(
        Q(position__in=[p.pk for p in positions]) | Q(level__in={p.level for p in positions}),
        competency__is_active=True,
    ).values_list(
        "position_id", "level", "competency_id", "target", "competency__order", "competency__name"
    )
    return targets_resolve(rows=rows, positions=positions)


def targets_resolve(*, rows, positions: list[KeyPosition]):
    """THE rule of a position's targets, from target rows (position id, level,
    competency id, target, competency order, competency name): its own where set, else
    its level's; and the competencies they name, in the model's order."""
    found: dict[int, dict[int, int]] = {p.pk: {} for p in positions}
    by_level: dict[int, dict[int, int]] = defaultdict(dict)
    own: dict[int, dict[int, int]] = defaultdict(dict)
    names: dict[int, tuple[int, str]] = {}
    for position_id, level, competency_id, target, order, name in rows:
        names[competency_id] = (order, name)
        if position_id:
            own[position_id][competency_id] = target
        else:
            by_level[level][competency_id] = target
    for position in positions:
        found[position.pk] = {**by_level[position.level], **own[position.pk]}
    model = sorted(names.items(), key=lambda item: item[1])
    return found, [(pk, name) for pk, (_, name) in model]


def target_profile_rows(*, position: KeyPosition | None = None, level: int | None = None):
    """The editor's rows: every active competency with the target set here, and (for a
    position) the level's default it falls back to. Two queries."""
    level = position.level if position is not None else level
    level_targets = dict(
        CompetencyTarget.objects.filter(level=level).values_list("competency_id", "target")
    )
    own = (
        dict(
            CompetencyTarget.objects.filter(position=position).values_list(
                "competency_id", "target"
            )
        )
        if position is not None
        else level_targets
    )
    return [
        {
            "competency": competency,
            "target": own.get(competency.pk),
            "level_default": level_targets.get(competency.pk),
        }
        for competency in Competency.objects.filter(is_active=True)
    ]


def competency_gaps(*, latest: dict[int, int], targets: dict[int, int], names: dict[int, str]):
    """Per competency with a target: the latest score (None when never rated, which is
    a gap of the whole target) and the gap, largest first, then by name."""
    rows = [
        {
            "competency_id": competency_id,
            "competency": names.get(competency_id, ""),
            "target": target,
            "score": latest.get(competency_id),
            "gap": target - (latest.get(competency_id) or 0),
        }
        for competency_id, target in targets.items()
        if competency_id in names
    ]
    rows.sort(key=lambda r: (-r["gap"], r["competency"]))
    return rows
