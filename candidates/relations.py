"""The mentor, a relation to a candidate that the talent base does not hold itself.

Who mentors whom is mentorship's, an app above this one; access rules at every floor
above need it (a mentor reads their mentee's agreement and experiences). Mentorship
registers its rule here at start-up (``mentorship/apps.py``), the way the apps register
reminders and evidence, so that the one relation rule (``candidates.access``) reads it
without importing mentorship.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Expression, Q


@dataclass(frozen=True)
class MentorRule:
    # Whether the person at a field path mentors anyone now, as a column.
    mentors_anyone: Callable[[str], Expression]
    # Candidates (at a prefix) whom a person mentors now, as a condition.
    mentees_q: Callable[[int, str], Q]


_RULES: list[MentorRule] = []


def mentor_rule_register(rule: MentorRule) -> None:
    _RULES[:] = [rule]


def mentor_rule() -> MentorRule | None:
    return _RULES[0] if _RULES else None
