"""Reads (selectors)."""

from candidates.models import Candidate


def me_context(*, candidate: Candidate, user) -> dict:
    """What this app adds to the candidate's /me/ page."""
    return {}


def profile_context(*, candidate: Candidate, user) -> dict:
    """What the development area adds to the candidate profile /candidates/<id>/."""
    return {}
