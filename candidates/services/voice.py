"""The candidate's own words and self-assessment: written by them, nobody else."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.actor import Actor

from ..models import Candidate, CandidateEvent, Competency, OwnWords, SelfAssessment
from .pool import candidate_event_record

OWN_WORDS_FIELDS = ("roles_wanted", "wanted_by", "relocation", "time_zones", "travel", "motivation")


@transaction.atomic
def own_words_save(
    *,
    actor: Actor,
    candidate: Candidate,
    roles_wanted: str = "",
    wanted_by: dt.date | None = None,
    relocation: str = "",
    time_zones: str = "",
    travel: str = "",
    motivation: str = "",
    scores: dict[int, int | None] | None = None,
) -> OwnWords:
    """Keep what the candidate says of themself, dated today; a blank score withdraws
    their view of that competency. Only the candidate may write it."""
    if actor.person is None or actor.person.pk != candidate.person_id:
        raise ValidationError("Only the candidate writes in their own words.")
    today = timezone.localdate()
    words = OwnWords.objects.filter(candidate=candidate).first() or OwnWords(candidate=candidate)
    for name, value in {
        "roles_wanted": roles_wanted,
        "wanted_by": wanted_by,
        "relocation": relocation,
        "time_zones": time_zones,
        "travel": travel,
        "motivation": motivation,
    }.items():
        setattr(words, name, value)
    words.updated_on = today
    words.full_clean()
    words.save()
    scores = scores or {}
    competencies = set(
        Competency.objects.filter(pk__in=scores, is_active=True).values_list("pk", flat=True)
    )
    for competency_id, score in scores.items():
        if competency_id not in competencies:
            raise ValidationError("That competency is not on the model any more.")
        if score is None:
            SelfAssessment.objects.filter(candidate=candidate, competency_id=competency_id).delete()
            continue
        if not 1 <= score <= 5:
            raise ValidationError("Scores are 1 to 5.")
        SelfAssessment.objects.update_or_create(
            candidate=candidate,
            competency_id=competency_id,
            defaults={"score": score, "assessed_on": today},
        )
    # One line on the timeline a day, however often they save.
    if not CandidateEvent.objects.filter(
        candidate=candidate, kind=CandidateEvent.Kind.OWN_WORDS, occurred_at__date=today
    ).exists():
        candidate_event_record(
            candidate=candidate,
            kind=CandidateEvent.Kind.OWN_WORDS,
            summary=f"{candidate.person.full_name} updated their aspirations and self-assessment",
            actor=actor,
            url=candidate.get_absolute_url() + "#own-words",
        )
    return words
