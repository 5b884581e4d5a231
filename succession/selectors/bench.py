"""Key positions and their bench: bench strength per readiness, succession risk, and a
position's succession if the incumbent left tomorrow."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from candidates.access import candidates_managed_by, in_line_q
from candidates.models import Candidate, CandidateStatus, FlightRisk, PersonFlightRisk
from common.actor import Actor
from common.sql import OncePerGroup

from ..access import positions_benched
from ..models import KeyPosition, Readiness, SuccessorNomination
from ..staleness import (
    readiness_fresh_on,
    readiness_is_stale,
    readiness_stale_before,
    readiness_stale_q,
)
from .musthaves import must_haves_against, must_haves_of
from .readiness import evidence_by_nomination

READINESS_ORDER = {value: index for index, value in enumerate(Readiness.values)}


BENCH = Q(nominations__is_active=True, nominations__candidate__status=CandidateStatus.ACTIVE)


def _bench(
    actor: Actor,
    readiness: str | None = None,
    *,
    in_line: bool | None = True,
    stale_on: dt.date | None = None,
) -> Count:
    """One figure of the bench, counted over the position's nominations in the same
    grouped query as the others (``in_line``: the actor's line, outside it, or None
    for every nominee)."""
    condition = BENCH
    if readiness:
        condition &= Q(nominations__readiness=readiness)
    if stale_on:
        condition &= readiness_stale_q(stale_on, "nominations__")
    if in_line is not None:
        line = in_line_q(actor, "nominations__candidate__person__")
        condition &= line if in_line else ~line
    return Count("nominations", filter=condition)


def positions_with_bench(*, actor: Actor, today: dt.date | None = None) -> QuerySet[KeyPosition]:
    """Positions with bench strength and succession risk, risk first, as a queryset the
    page sorts and paginates in SQL (``positions_page`` adds the reasons to a page).
    Every bench figure is a conditional count over one join to the nominations, grouped
    by position: one pass, whatever the number of positions.

    The bench per readiness counts the successors in the actor's line, the stale ones
    apart; the others are one number (``bench_outside``), never named or rated. The risk
    is the position's own (every nominee counts). The incumbent's flight risk shows only
    when the incumbent is in the actor's line (never the actor's own)."""
    today = today or timezone.localdate()
    incumbent_risk = Candidate.objects.filter(
        Q(person=OuterRef("incumbent")) & in_line_q(actor, "person__")
    ).values("flight_risk")[:1]
    # A manager's latest read of the incumbent (pool or not), in the actor's line only.
    reads = PersonFlightRisk.objects.order_by("-rated_on", "-pk")
    incumbent_read = reads.filter(
        Q(person=OuterRef("incumbent")) & in_line_q(actor, "person__")
    ).values("risk")[:1]
    latest_read = reads.filter(person=OuterRef("incumbent")).values("risk")[:1]
    return (
        positions_benched(actor)
        .annotate(
            ready_now=_bench(actor, Readiness.READY_NOW),
            ready_1_2=_bench(actor, Readiness.ONE_TO_TWO_YEARS),
            ready_3_5=_bench(actor, Readiness.THREE_TO_FIVE_YEARS),
            bench_outside=_bench(actor, in_line=False),
            ready_now_stale=_bench(actor, Readiness.READY_NOW, stale_on=today),
            bench_stale=_bench(actor, stale_on=today),
            ready_now_all=_bench(actor, Readiness.READY_NOW, in_line=None),
            ready_now_stale_all=_bench(actor, Readiness.READY_NOW, in_line=None, stale_on=today),
            bench_all=_bench(actor, in_line=None),
            incumbent_flight_risk=OncePerGroup(
                Coalesce(Subquery(incumbent_read), Subquery(incumbent_risk)),
                output_field=CharField(),
            ),
            incumbent_latest_read=Subquery(latest_read),
            incumbent_candidate_high=Exists(
                Candidate.objects.filter(person=OuterRef("incumbent"), flight_risk=FlightRisk.HIGH)
            ),
        )
        .annotate(
            incumbent_high_risk=OncePerGroup(
                Q(incumbent_candidate_high=True) | Q(incumbent_latest_read=FlightRisk.HIGH),
                output_field=BooleanField(),
            ),
        )
        .annotate(
            # The same reasons as ``succession_risk_reasons``, counted in SQL to sort on.
            risk_count=_flag(Q(incumbent__isnull=True))
            + _flag(Q(ready_now_all=0))
            + _flag(Q(ready_now_all=0) & ~KeyPosition.covered_q())
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
    """The rows of one page, each with its department and incumbent (one query for the
    page: joined in the grouped query they would be read for every position), its bench
    total and its risk in words."""
    named = KeyPosition.objects.select_related("department", "incumbent").in_bulk(
        [position.pk for position in positions]
    )
    for position in positions:
        position.department = named[position.pk].department
        position.incumbent = named[position.pk].incumbent
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
        if not position.has_cover:
            # Nobody to lead it tomorrow: ranks above a seat someone would cover.
            reasons.append("no acting cover either")
    elif position.ready_now_stale_all == position.ready_now_all:
        reasons.append("ready-now successors all stale")
    if position.incumbent_high_risk and position.bench_all < 2:
        reasons.append("incumbent may leave, thin bench")
    return reasons


def _succession_chain(*, actor: Actor, ready_now: list, line) -> list[dict]:
    """One level of cascade for each ready-now successor: the key position they hold
    and its own bench, or, when they hold none, the candidates of their own team."""
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
    reports = defaultdict(list)
    for candidate in (
        candidates_managed_by(actor)
        .filter(person__manager__in=[n.candidate.person_id for n in ready_now])
        .select_related("person")
    ):
        reports[candidate.person.manager_id].append(candidate)
    chain = []
    for nomination in ready_now:
        own = held.get(nomination.candidate.person_id)
        chain.append(
            {
                "nomination": nomination,
                "own_position": own,
                "backfill": backfills.get(own.pk, []) if own else [],
                "team_candidates": reports.get(nomination.candidate.person_id, []),
            }
        )
    return chain


def position_succession(
    *, actor: Actor, position: KeyPosition, today: dt.date | None = None
) -> dict:
    """ "If the incumbent left tomorrow": the nominees in the actor's line ranked (ready
    now first, then the highest rated), for each ready-now successor who would backfill
    their own role, and how many nominees lie outside the actor's line."""
    today = today or timezone.localdate()
    line = in_line_q(actor, "candidate__person__")
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
    return {
        "nominations": nominations,
        "ready_now": ready_now,
        "ready_now_stale": sum(1 for n in ready_now if n.is_stale),
        "chain": _succession_chain(actor=actor, ready_now=ready_now, line=line),
        "bench_outside": active.exclude(line).aggregate(n=Count("pk"))["n"],
        "stale_before": readiness_stale_before(today),
    }


def position_page(*, actor: Actor, position, today: dt.date | None = None) -> dict:
    """The position page: its succession (``position_succession``) with, per successor,
    the evidence behind the readiness, the day it was last backed and how many of the
    position's must-haves it meets."""
    context = position_succession(actor=actor, position=position, today=today)
    evidence = evidence_by_nomination([n.pk for n in context["nominations"]])
    context["must_haves"] = must_haves = must_haves_of(position.pk)
    for nomination in context["nominations"]:
        nomination.evidence_list = evidence.get(nomination.pk, [])
        nomination.fresh_on = readiness_fresh_on(nomination)
        states = must_haves_against(must_haves, nomination.evidence_list, today)
        nomination.must_haves_met = sum(state.met for state in states)
    context["withdrawn"] = list(
        SuccessorNomination.objects.filter(position=position, is_active=False)
        .exclude(closed_reason="")
        .filter(in_line_q(actor, "candidate__person__"))
        .select_related("candidate__person")
        .order_by("-closed_on", "-pk")[:10]
    )
    return context
