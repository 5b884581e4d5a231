"""Mentor matching: who could mentor a candidate, ranked by fit, each with the reasons.

Only people who may mentor them are offered: senior to them, active, with a login,
outside their reporting line (never a manager above them, never someone below them), and
with room left under their capacity. The rest is a score the reasons explain: their
strengths against the candidate's gaps, working hours that overlap, the candidate's
stated interests, and the room they have left, so that one mentor is not everyone's
first choice."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import F
from django.utils import timezone

from candidates.models import Candidate, Level, OwnWords, Person, SelfAssessment
from succession.selectors import candidate_gaps

from .models import MentorProfile
from .selectors import mentees_now_column, mentor_capacity_column

# How many mentors are read to be ranked (the roomiest first), and how many are shown.
MENTORS_READ = 300
SUGGESTIONS = 5
# Working hours overlap well within this many hours of offset.
HOURS_APART_OVERLAP = 3
# Words of a stated interest that say nothing about a role.
COMMON_WORDS = {
    "support", "team", "teams", "lead", "leader", "manager", "management", "director",
    "then", "later", "within", "years", "one", "day", "role", "roles", "with", "and",
    "the", "for", "grow", "into", "run", "want",
}  # fmt: skip


@dataclass
class Suggestion:
    mentor: Person
    remaining: int
    capacity: int
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def _offset_hours(zone: str, on: dt.date) -> float | None:
    try:
        moment = dt.datetime.combine(on, dt.time(12), tzinfo=ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return moment.utcoffset().total_seconds() / 3600


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z&]{4,}", text.lower()) if w not in COMMON_WORDS}


def candidate_needs(*, candidate: Candidate) -> dict[int, str]:
    """The competencies the candidate most needs, by id: the gaps against the targets of
    the positions they are nominated for, else what they or their managers score 2 or
    less."""
    needs = {
        gap["competency_id"]: gap["competency"]
        for row in candidate_gaps(candidate=candidate)
        for gap in row["gaps"]
    }
    if not needs:
        needs = {
            row.competency_id: row.competency.name
            for row in SelfAssessment.objects.filter(
                candidate=candidate, score__lte=2, competency__is_active=True
            ).select_related("competency")
        }
    return needs


def mentors_with_room(*, candidate: Candidate):
    """Who may mentor the candidate and has room left: senior to them (a senior manager
    at least), active with a login, outside their reporting line; with their mentees now
    and their capacity as columns."""
    person = candidate.person
    chain = [int(pk) for pk in person.reporting_path.strip("/").split("/") if pk]
    return (
        Person.objects.filter(
            is_active=True,
            user__isnull=False,
            level__gte=max(Level.SENIOR_MANAGER, person.level + 1),
        )
        .exclude(pk__in=chain)
        .exclude(reporting_path__startswith=person.reporting_path or "-")
        .annotate(
            mentees=mentees_now_column(),
            capacity=mentor_capacity_column(),
        )
        .annotate(remaining=F("capacity") - F("mentees"))
        .filter(remaining__gt=0)
        .select_related("department")
    )


def mentor_suggestions(
    *, candidate: Candidate, today: dt.date | None = None, limit: int = SUGGESTIONS
) -> list[Suggestion]:
    """The mentors who fit the candidate best, with the reasons (six queries: the gaps'
    three, the mentors with room, their strengths, the candidate's words)."""
    today = today or timezone.localdate()
    needs = candidate_needs(candidate=candidate)
    mentors = list(
        mentors_with_room(candidate=candidate).order_by("-remaining", "pk")[:MENTORS_READ]
    )
    strengths: dict[int, set[int]] = {}
    for person_id, competency_id in MentorProfile.strengths.through.objects.filter(
        mentorprofile__person__in=[m.pk for m in mentors]
    ).values_list("mentorprofile__person_id", "competency_id"):
        strengths.setdefault(person_id, set()).add(competency_id)
    words = OwnWords.objects.filter(candidate=candidate).values_list("roles_wanted", flat=True)
    wanted = _words(next(iter(words), ""))
    own_offset = _offset_hours(candidate.person.time_zone, today)
    found = []
    for mentor in mentors:
        suggestion = Suggestion(mentor=mentor, remaining=mentor.remaining, capacity=mentor.capacity)
        covered = [needs[pk] for pk in sorted(strengths.get(mentor.pk, ())) if pk in needs]
        if covered:
            suggestion.score += 3 * len(covered)
            suggestion.reasons.append("strong where they need to grow: " + ", ".join(covered))
        offset = _offset_hours(mentor.time_zone, today)
        if own_offset is not None and offset is not None:
            apart = abs(offset - own_offset)
            if apart <= HOURS_APART_OVERLAP:
                suggestion.score += 2
                suggestion.reasons.append(
                    "working hours overlap"
                    + (f" ({apart:g} h apart)" if apart else " (same time zone)")
                )
            elif apart >= 8:
                suggestion.score -= 2
                suggestion.reasons.append(f"{apart:g} hours apart: little shared working time")
        shared = sorted(wanted & _words(f"{mentor.title} {mentor.department.name}"))
        if shared:
            suggestion.score += 2
            suggestion.reasons.append("close to what they want: " + ", ".join(shared))
        suggestion.reasons.append("outside their reporting line")
        suggestion.score += min(mentor.remaining, 3)
        suggestion.reasons.append(f"room for {mentor.remaining} more (capacity {mentor.capacity})")
        found.append(suggestion)
    found.sort(key=lambda s: (-s.score, -s.remaining, s.mentor.full_name, s.mentor.pk))
    return found[:limit]
