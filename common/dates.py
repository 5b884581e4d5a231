"""Dates a person would mean, and calendar arithmetic. Every date a form takes is checked
against these bounds (``common.forms.SaneInput``), so a mistyped year (1900, 2206) is a
message on the form, not a row that breaks a page later."""

from __future__ import annotations

import calendar
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


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day when that
    month is shorter: 31 March less one month is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (clamped like ``months_before``)."""
    return months_before(day, -months)
