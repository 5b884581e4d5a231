"""Who sees a person's support record: managers in their line and HR (as their
confidential record), the person themself on /me/ (their own work); mentors do not."""

from __future__ import annotations

from django.http import Http404

from audit import record as audit
from candidates.access import candidates_managed_by
from candidates.models import Candidate
from common.actor import Actor


def support_record_get(*, actor: Actor, pk: int) -> Candidate:
    """A candidate in the actor's line (or any, for HR), or 404; the read is recorded."""
    candidate = (
        candidates_managed_by(actor).select_related("person__department").filter(pk=pk).first()
    )
    if candidate is None:
        raise Http404("No such candidate.")
    audit.read(actor, audit.What.SUPPORT, person=candidate.person)
    return candidate
