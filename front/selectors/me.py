"""/me/: the candidate's own plan, each app's part."""

from __future__ import annotations

from django.utils import timezone

from agreements.selectors import me_context as agreement_me_context
from candidates.models import Candidate
from candidates.selectors import own_words
from development.selectors import me_context as development_me_context
from mentorship.selectors import me_context as mentorship_me_context
from supportdata.selectors import me_context as support_me_context

from .profile import candidate_card


def my_plan(*, candidate: Candidate) -> dict:
    """/me/: each app's part (agreement first, then meetings, then experiences)."""
    return {
        "candidate": candidate_card(candidate),
        **own_words(candidate=candidate),
        **agreement_me_context(candidate=candidate),
        **mentorship_me_context(candidate=candidate),
        **development_me_context(candidate=candidate),
        **support_me_context(person=candidate.person, today=timezone.localdate()),
    }
