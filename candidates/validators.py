"""Dates a person would mean. Every date a form takes is checked against these bounds
(``forms.SaneDates``), so a mistyped year (1900, 2206) is a message on the form, not a
row that breaks a page later."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

EARLIEST_DATE = dt.date(2000, 1, 1)
PLANNING_HORIZON_YEARS = 10


def latest_date(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + PLANNING_HORIZON_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + PLANNING_HORIZON_YEARS, day=28)


def date_within_bounds(value: dt.date) -> None:
    """Refuse a date before 2000 or more than ten years ahead."""
    if value is None:
        return
    if value < EARLIEST_DATE:
        raise ValidationError(
            f"{value:%d %b %Y} is before {EARLIEST_DATE:%Y}: check the year.", code="too_early"
        )
    if value > latest_date():
        raise ValidationError(
            f"{value:%d %b %Y} is more than {PLANNING_HORIZON_YEARS} years ahead: check the year.",
            code="too_late",
        )
