"""Reads of a talent review: the agenda with each candidate's evidence, the board and
its distribution, "what moved", and what the last review decided. Each in a fixed
number of queries, whatever the scope."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from agreements.models import Commitment
from agreements.selectors import COUNTED, DONE
from candidates.access import in_line_q
from candidates.models import NINE_BOX_LABELS, Candidate, CandidateStatus, TalentRating
from candidates.selectors import PICKER_LIMIT, people_matching_q
from common.actor import Actor
from common.sql import count_subquery
from development.models import Conference, Rotation, StretchAssignment, TaskForce
from mentorship.models import Meeting
from mentorship.selectors import potential_reads
from succession.models import Readiness, SuccessorNomination

from .access import entries_visible
from .models import ReviewAction, ReviewCandidate, ReviewMove, TalentReview

READINESS_RANK = {
    Readiness.READY_NOW: 3,
    Readiness.ONE_TO_TWO_YEARS: 2,
    Readiness.THREE_TO_FIVE_YEARS: 1,
}


def latest_rating_subquery(candidate_ref: str = "candidate_id"):
    """The id of a candidate's newest rating (0 when never rated): what a move form
    carries, so a move made on an out-of-date board is refused."""
    return Coalesce(
        Subquery(
            TalentRating.objects.filter(candidate_id=OuterRef(candidate_ref))
            .order_by("-rated_at", "-pk")
            .values("pk")[:1]
        ),
        Value(0),
        output_field=IntegerField(),
    )


def scope_candidates(review: TalentReview) -> QuerySet[Candidate]:
    """The active candidates the review's scope covers."""
    active = Candidate.objects.filter(status=CandidateStatus.ACTIVE)
    if review.scope == TalentReview.Scope.LINE:
        head = review.scope_head
        return active.filter(person__reporting_path__startswith=head.reporting_path).exclude(
            person=head
        )
    return active.filter(
        pk__in=SuccessorNomination.objects.filter(
            position__in=review.scope_positions.all(), is_active=True
        ).values("candidate_id")
    )


def year_ago(today: dt.date) -> dt.date:
    """Where "the last year" of a candidate's evidence starts (the agenda, calibration)."""
    return today - dt.timedelta(days=365)


def potential_reads_since(since: dt.date, candidate_ref: str = "candidate_id") -> QuerySet:
    """A candidate's mentor meetings since a date that read their potential (a subquery
    on ``candidate_ref``)."""
    return Meeting.objects.filter(
        pairing__candidate_id=OuterRef(candidate_ref),
        potential_read__isnull=False,
        held_on__gte=since,
    )


def potential_unbacked(potential: int | None, counts: dict, *, potential_read: bool) -> bool:
    """The calibration check "potential rated on no evidence": a potential rating with
    nothing of the last year to read it from (no item of ``EVIDENCE_COUNTS``, no mentor's
    read of potential)."""
    return bool(potential) and not (potential_read or any(counts.get(k) for k in EVIDENCE_COUNTS))


EVIDENCE_COUNTS = (
    "rotations_assessed",
    "stretch_outcomes",
    "reports_reviewed",
    "task_forces",
    "commitments_done",
)


# The agenda is read a page at a time: a review of 500 candidates is ten pages.
AGENDA_PAGE_SIZE = 50


def agenda(
    *, actor: Actor, review: TalentReview, page: str | None = None, today: dt.date | None = None
) -> Page:
    """One page of the agenda lines the actor may see, each with its evidence of the
    last year counted in SQL, readiness per position and the last review's decisions.
    Queries: how many (1), the page (1), evidence counts (1), nominations (1), last
    reviews (2)."""
    since = year_ago(today or timezone.localdate())
    lines = (
        entries_visible(actor=actor, review=review)
        .select_related("candidate__person__manager", "candidate__person__department")
        .annotate(
            seen_rating=latest_rating_subquery(),
            potential_read=Subquery(
                potential_reads_since(since)
                .order_by("-held_on", "-pk")
                .values("potential_read")[:1]
            ),
        )
        .order_by("candidate__person__full_name", "pk")
    )
    shown = Paginator(lines, AGENDA_PAGE_SIZE).get_page(page)
    entries = list(shown.object_list)
    _attach_evidence_counts(entries, since)
    for entry in entries:
        entry.potential_unbacked = potential_unbacked(
            entry.candidate.potential,
            {k: getattr(entry, k) for k in EVIDENCE_COUNTS},
            potential_read=bool(entry.potential_read),
        )
    _attach_readiness(entries)
    _attach_last_review(entries, review)
    shown.object_list = entries
    return shown


def _attach_evidence_counts(entries: list[ReviewCandidate], since: dt.date) -> None:
    """Each line's evidence of the last year, counted per kind (one query)."""
    counts = evidence_counts({e.candidate_id: e.candidate.person_id for e in entries}, since)
    for entry in entries:
        for name in EVIDENCE_COUNTS:
            setattr(entry, name, counts.get(entry.candidate_id, {}).get(name, 0))


def evidence_counts(people: dict[int, int], since: dt.date) -> dict[int, dict[str, int]]:
    """Per candidate (``people``: candidate id → person id), their evidence since a date
    counted per kind: one UNION ALL of grouped counts over all of them (not five
    subqueries per candidate)."""
    if not people:
        return {}
    ids = list(people)
    candidate_of = {person: candidate for candidate, person in people.items()}

    def grouped(queryset, kind: str, key: str):
        return (
            queryset.annotate(ev_key=F(key), ev_kind=Value(kind, output_field=CharField()))
            .values("ev_key", "ev_kind")
            .annotate(ev_n=Count("pk"))
            .order_by()
        )

    parts = [
        grouped(
            Rotation.objects.filter(person_id__in=list(candidate_of), assessed_on__gte=since),
            "rotations_assessed",
            "person_id",
        ),
        grouped(
            StretchAssignment.objects.filter(
                candidate_id__in=ids, ends_on__gte=since, cancelled_on__isnull=True
            ).exclude(outcome=StretchAssignment.Outcome.PENDING),
            "stretch_outcomes",
            "candidate_id",
        ),
        grouped(
            Conference.objects.filter(candidate_id__in=ids, reviewed_at__date__gte=since),
            "reports_reviewed",
            "candidate_id",
        ),
        grouped(
            TaskForce.objects.filter(owner_id__in=ids, launched_on__gte=since),
            "task_forces",
            "owner_id",
        ),
        grouped(
            Commitment.objects.filter(
                COUNTED, DONE, agreement__candidate_id__in=ids, updated_at__date__gte=since
            ),
            "commitments_done",
            "agreement__candidate_id",
        ),
    ]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    first, *others = parts
    for row in first.union(*others, all=True):
        key = row["ev_key"]
        candidate = candidate_of.get(key) if row["ev_kind"] == "rotations_assessed" else key
        if candidate is not None:
            counts[candidate][row["ev_kind"]] = row["ev_n"]
    return counts


def _attach_readiness(entries: list[ReviewCandidate]) -> None:
    by_candidate = defaultdict(list)
    for nomination in (
        SuccessorNomination.objects.filter(
            candidate_id__in=[e.candidate_id for e in entries], is_active=True
        )
        .select_related("position")
        .order_by("position__title")
    ):
        by_candidate[nomination.candidate_id].append(nomination)
    for entry in entries:
        entry.nominations = by_candidate[entry.candidate_id]


@dataclass
class LastReview:
    review: TalentReview
    note: str
    actions: list[ReviewAction] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for a in self.actions if a.is_done)


def _attach_last_review(entries: list[ReviewCandidate], review: TalentReview) -> None:
    """What the latest closed review before this one decided for each candidate, and
    whether its actions were done. Two queries."""
    ids = [e.candidate_id for e in entries]
    last: dict[int, LastReview] = {}
    earlier = (
        ReviewCandidate.objects.filter(candidate_id__in=ids, review__state="closed")
        .exclude(review=review)
        .select_related("review")
        .order_by("candidate_id", "-review__closed_at")
    )
    for row in earlier:
        last.setdefault(row.candidate_id, LastReview(review=row.review, note=row.note))
    if last:
        actions = ReviewAction.objects.filter(
            candidate_id__in=list(last), review_id__in={lr.review.pk for lr in last.values()}
        ).select_related("commitment", "follow_up", "nomination__position")
        for action in actions:
            found = last.get(action.candidate_id)
            if found and found.review.pk == action.review_id:
                found.actions.append(action)
    for entry in entries:
        entry.last_review = last.get(entry.candidate_id)


def entry_detail(*, entry: ReviewCandidate, review: TalentReview, today: dt.date | None = None):
    """One candidate in the review: the evidence of the last year, item by item, this
    review's moves and decisions, and the last review's."""
    since = year_ago(today or timezone.localdate())
    candidate = entry.candidate
    _attach_readiness([entry])
    _attach_last_review([entry], review)
    return {
        "seen_rating": (
            TalentRating.objects.filter(candidate=candidate)
            .order_by("-rated_at", "-pk")
            .values_list("pk", flat=True)
            .first()
            or 0
        ),
        "rotations": Rotation.objects.filter(person=candidate.person, assessed_on__gte=since)
        .select_related("host_department")
        .order_by("-assessed_on"),
        "stretch": StretchAssignment.objects.filter(
            candidate=candidate, ends_on__gte=since, cancelled_on__isnull=True
        )
        .exclude(outcome=StretchAssignment.Outcome.PENDING)
        .order_by("-ends_on"),
        "conferences": Conference.objects.filter(
            candidate=candidate, reviewed_at__date__gte=since
        ).order_by("-reviewed_at"),
        "task_forces": TaskForce.objects.filter(owner=candidate, launched_on__gte=since),
        "commitments": Commitment.objects.filter(
            COUNTED, DONE, agreement__candidate=candidate, updated_at__date__gte=since
        ).order_by("-updated_at"),
        "potential_reads": [
            read for read in potential_reads(candidate=candidate) if read["held_on"] >= since
        ][::-1],
        "moves": ReviewMove.objects.filter(review=review, candidate=candidate).select_related(
            "moved_by", "position"
        ),
        "actions": ReviewAction.objects.filter(review=review, candidate=candidate).select_related(
            "created_by", "commitment", "follow_up", "nomination__position"
        ),
    }


# --- The board --------------------------------------------------------------------------


def board(*, actor: Actor, review: TalentReview) -> dict:
    """The 9-box of the agenda the actor may see and the distribution against the
    guideline: one query for the cards, the rest counted from them. The calibration
    checks over the same cards are ``reviews.calibration``'s."""
    entries = list(
        entries_visible(actor=actor, review=review)
        .select_related("candidate__person__manager")
        .annotate(seen_rating=latest_rating_subquery())
        .order_by("candidate__person__full_name")
    )
    cells: dict[tuple[int, int], list] = defaultdict(list)
    unrated = []
    # The cards' links, built once rather than reversed 500 times.
    url = reverse("reviews:entry", args=[review.pk, 0]).replace("/0/", "/{}/")
    for entry in entries:
        entry.url = url.format(entry.pk)
        c = entry.candidate
        if c.performance and c.potential:
            cells[(c.performance, c.potential)].append(entry)
        else:
            unrated.append(entry)
    rated = len(entries) - len(unrated)
    grid = [
        [
            {
                "performance": performance,
                "potential": potential,
                "label": NINE_BOX_LABELS[(performance, potential)],
                "entries": cells[(performance, potential)],
                "share": round(100 * len(cells[(performance, potential)]) / rated) if rated else 0,
            }
            for performance in (1, 2, 3)
        ]
        for potential in (3, 2, 1)
    ]
    top = len(cells[(3, 3)])
    top_share = round(100 * top / rated, 1) if rated else 0
    return {
        "grid": grid,
        "unrated": unrated,
        "total": len(entries),
        "rated": rated,
        "top_box": top,
        "top_share": top_share,
        "over_guideline": rated > 0 and top_share > review.top_box_guideline,
        "cells": [(p, q, NINE_BOX_LABELS[(p, q)]) for q in (3, 2, 1) for p in (1, 2, 3)],
    }


# --- What moved -------------------------------------------------------------------------


def _score(snapshot: dict) -> int | None:
    if snapshot.get("performance") and snapshot.get("potential"):
        return snapshot["performance"] + snapshot["potential"]
    return None


def _cell_label(snapshot: dict) -> str:
    key = (snapshot.get("performance"), snapshot.get("potential"))
    return NINE_BOX_LABELS.get(key, "Not rated")


def _cell_direction(start: dict, end: dict) -> str:
    """Where a candidate went on the 9-box between two snapshots: up, down, across,
    placed (first rated), or "" (stayed)."""
    moved = (start.get("performance"), start.get("potential")) != (
        end.get("performance"),
        end.get("potential"),
    )
    if not moved:
        return ""
    before, after = _score(start), _score(end)
    if before is not None and after is not None and after != before:
        return "up" if after > before else "down"
    if before is None and after is not None:
        return "placed"
    return "across"


def _readiness_moves(start: dict, end: dict) -> tuple[list[dict], list[dict]]:
    """The readiness gained and lost between two snapshots, per position."""
    gained, lost = [], []
    was_all, now_all = start.get("readiness", {}), end.get("readiness", {})
    for key in sorted(set(was_all) | set(now_all)):
        was, now = was_all.get(key), now_all.get(key)
        rank_was = READINESS_RANK.get(was["readiness"], 0) if was else 0
        rank_now = READINESS_RANK.get(now["readiness"], 0) if now else 0
        change = {
            "title": (now or was)["title"],
            "was": Readiness(was["readiness"]).label if was else "not nominated",
            "now": Readiness(now["readiness"]).label if now else "no longer nominated",
        }
        if rank_now > rank_was:
            gained.append(change)
        elif rank_now < rank_was:
            lost.append(change)
    return gained, lost


def what_moved(*, actor: Actor, review: TalentReview) -> dict:
    """From the start and end snapshots: who went up, who went down, readiness gained
    and lost, by manager; and every move with its reason. Queries: agenda (1), moves
    (1), decisions (1)."""
    entries = list(
        entries_visible(actor=actor, review=review)
        .select_related("candidate__person__manager")
        .order_by("candidate__person__manager__full_name", "candidate__person__full_name")
    )
    by_manager: dict = {}
    totals = {"up": 0, "down": 0, "across": 0, "gained": 0, "lost": 0}
    for entry in entries:
        start, end = entry.start or {}, entry.end or {}
        direction = _cell_direction(start, end)
        gained, lost = _readiness_moves(start, end)
        risk = (start.get("flight_risk"), end.get("flight_risk"))
        row = {
            "entry": entry,
            "from": _cell_label(start),
            "to": _cell_label(end),
            "direction": direction,
            "gained": gained,
            "lost": lost,
            "risk": risk if risk[0] != risk[1] else None,
        }
        if direction in ("up", "down", "across"):
            totals[direction] += 1
        totals["gained"] += len(gained)
        totals["lost"] += len(lost)
        manager = entry.candidate.person.manager
        group = by_manager.setdefault(
            manager.pk if manager else 0,
            {"manager": manager, "rows": [], "unchanged": [], "changed": 0, "total": 0},
        )
        group["total"] += 1
        # The record is of what moved: the others are named in one line.
        if direction or gained or lost or row["risk"]:
            group["rows"].append(row)
            group["changed"] += 1
        else:
            group["unchanged"].append(row)
    in_sight = in_line_q(actor, "candidate__person__")
    groups = list(by_manager.values())
    return {
        "groups": groups,
        "unchanged": sorted(
            (row for group in groups for row in group["unchanged"]),
            key=lambda row: row["entry"].candidate.person.full_name,
        ),
        "totals": totals,
        "total": len(entries),
        "moves": ReviewMove.objects.filter(review=review)
        .filter(in_sight)
        .select_related("candidate__person", "moved_by", "position")
        .order_by("candidate__person__full_name", "moved_at"),
        "actions": ReviewAction.objects.filter(review=review)
        .filter(in_sight)
        .select_related(
            "candidate__person", "created_by", "commitment", "follow_up", "nomination__position"
        )
        .order_by("candidate__person__full_name", "created_at"),
    }


def candidates_addable(*, actor: Actor, review: TalentReview) -> QuerySet[Candidate]:
    """Candidates in scope, in the actor's sight, not yet on the agenda (the add list)."""
    return (
        scope_candidates(review)
        .filter(in_line_q(actor, "person__"))
        .exclude(pk__in=review.agenda.values("candidate_id"))
        .order_by("person__full_name")
    )


# The add list shows at most as many candidates as any picker; more are searched first.
ADD_LIST_LIMIT = PICKER_LIMIT


def candidates_to_add(*, actor: Actor, review: TalentReview, query: str = "") -> dict:
    """The facilitator's add list in one query: every candidate in scope who is not on
    the agenda when they are few; otherwise (more than ``ADD_LIST_LIMIT``) those whose
    name, title or e-mail holds every word of ``query``, or none until one is typed."""
    addable = (
        candidates_addable(actor=actor, review=review)
        .select_related("person")
        .filter(people_matching_q(query, "person__"))
    )
    rows = list(addable[: ADD_LIST_LIMIT + 1])
    too_many = len(rows) > ADD_LIST_LIMIT
    return {
        "candidates": [] if too_many and not query else rows[:ADD_LIST_LIMIT],
        "needs_search": too_many or bool(query),
        "more": too_many,
        "query": query,
        "limit": ADD_LIST_LIMIT,
    }


def reviews_list(queryset) -> list[TalentReview]:
    return list(
        queryset.select_related("facilitator", "scope_head").annotate(
            candidates=count_subquery(ReviewCandidate.objects.filter(review_id=OuterRef("pk")))
        )
    )
