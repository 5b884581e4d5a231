"""Reads of the talent base: the people a picker offers (searched when there are many),
and a candidate's competency ratings.

Every queryset starts from an access-filtered queryset (``candidates.access``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from common.actor import Actor

from .access import people_managed_by
from .models import Candidate, OwnWords, Person, SelfAssessment

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


def people_nominable(*, actor: Actor) -> QuerySet[Person]:
    """People in the actor's scope who are not in the pool yet."""
    return people_managed_by(actor).filter(candidacy__isnull=True).order_by("full_name")


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


def own_words(*, candidate: Candidate) -> dict:
    """What the candidate says of themself: their words and their self-assessment on the
    active competencies (two queries)."""
    return {
        "own_words": OwnWords.objects.filter(candidate=candidate).first(),
        "self_assessment": list(
            SelfAssessment.objects.filter(candidate=candidate, competency__is_active=True)
            .select_related("competency")
            .order_by("competency__order", "competency__name")
        ),
    }
