"""When a readiness goes stale: THE rule, read by the pool, the key positions, the
position page, the profile, the 9-box, the reminder and the reports.

A readiness is fresh as long as its last confirmation (set, changed or confirmed) or its
newest evidence is at most ``READINESS_STALE_MONTHS`` old (a setting)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q

from common.dates import months_before

from .models import SuccessorNomination


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
