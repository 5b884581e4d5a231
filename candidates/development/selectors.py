"""Reads (selectors)."""

from candidates.models import Candidate


def me_context(*, candidate: Candidate, user) -> dict:
    """What this app adds to the candidate's /me/ page."""
    return {}
