"""The talent pool: candidates, their ratings and competency ratings (with history), and
the timeline every app writes to."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from .people import Person


class CandidateStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    GRADUATED = "graduated", "Graduated"
    EXITED = "exited", "Exited"


class Rating(models.IntegerChoices):
    """One axis of the 9-box."""

    LOW = 1, "Low"
    MODERATE = 2, "Moderate"
    HIGH = 3, "High"


class FlightRisk(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


NINE_BOX_LABELS = {
    # (performance, potential): the conventional cell names.
    (1, 3): "Enigma",
    (2, 3): "Growth employee",
    (3, 3): "Future leader",
    (1, 2): "Dilemma",
    (2, 2): "Core employee",
    (3, 2): "High performer",
    (1, 1): "Underperformer",
    (2, 1): "Effective",
    (3, 1): "Trusted professional",
}


class Competency(models.Model):
    """One line of the competency model (editable in the admin)."""

    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "competencies"

    def __str__(self):
        return self.name


class JoinedBy(models.TextChoices):
    NOMINATION = "nomination", "Nominated by a manager"
    APPLICATION = "application", "By application"


class Candidate(models.Model):
    """A person in the succession pool. The current ratings are copies of the latest
    TalentRating, kept by services so the dashboards can filter and sort on them."""

    PICKER_RELATED = ("person__department",)
    PICKER_SEARCH = "people"
    PICKER_SEARCH_FIELDS = ("person__full_name", "person__title", "person__email")

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="candidacy")
    status = models.CharField(
        max_length=12, choices=CandidateStatus.choices, default=CandidateStatus.ACTIVE
    )
    nominated_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="nominations_made"
    )
    nominated_on = models.DateField()
    nomination_reason = models.TextField()
    joined_by = models.CharField(
        max_length=12, choices=JoinedBy.choices, default=JoinedBy.NOMINATION
    )
    aspirations = models.TextField(blank=True)
    motivators = models.TextField(blank=True)
    performance = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    potential = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    flight_risk = models.CharField(max_length=8, choices=FlightRisk.choices, default=FlightRisk.LOW)
    flight_risk_reason = models.TextField(blank=True)
    status_changed_on = models.DateField(null=True, blank=True)
    status_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person__full_name"]
        permissions = [("view_all_talent", "Can see every candidate (HR, VP support)")]
        indexes = [
            models.Index(fields=["status"], name="candidate_status_idx"),
            models.Index(fields=["performance", "potential"], name="candidate_ninebox_idx"),
            models.Index(fields=["flight_risk"], name="candidate_flight_risk_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(performance__isnull=True)
                | (Q(performance__gte=1) & Q(performance__lte=3)),
                name="candidate_performance_in_range",
                violation_error_message="Performance is rated 1 (low) to 3 (high).",
            ),
            models.CheckConstraint(
                condition=Q(potential__isnull=True) | (Q(potential__gte=1) & Q(potential__lte=3)),
                name="candidate_potential_in_range",
                violation_error_message="Potential is rated 1 (low) to 3 (high).",
            ),
            models.CheckConstraint(
                condition=Q(flight_risk__in=FlightRisk.values),
                name="candidate_flight_risk_valid",
                violation_error_message="Choose a flight risk: low, medium or high.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CandidateStatus.values),
                name="candidate_status_valid",
                violation_error_message="Choose a valid status.",
            ),
        ]

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return reverse("front:profile", args=[self.pk])

    def picker_label(self) -> str:
        return self.person.picker_label()

    @property
    def nine_box_label(self) -> str:
        return NINE_BOX_LABELS.get((self.performance, self.potential), "Not rated")


class TalentRating(models.Model):
    """A dated, signed change of performance, potential and flight risk: never overwritten."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="ratings")
    performance = models.PositiveSmallIntegerField(choices=Rating.choices)
    potential = models.PositiveSmallIntegerField(choices=Rating.choices)
    flight_risk = models.CharField(max_length=8, choices=FlightRisk.choices)
    reason = models.TextField()
    rated_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ratings_given")
    rated_at = models.DateTimeField()

    class Meta:
        ordering = ["-rated_at", "-pk"]
        indexes = [models.Index(fields=["candidate", "-rated_at"], name="talent_rating_recent_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(performance__gte=1) & Q(performance__lte=3),
                name="talent_rating_performance_in_range",
                violation_error_message="Performance is rated 1 (low) to 3 (high).",
            ),
            models.CheckConstraint(
                condition=Q(potential__gte=1) & Q(potential__lte=3),
                name="talent_rating_potential_in_range",
                violation_error_message="Potential is rated 1 (low) to 3 (high).",
            ),
            models.CheckConstraint(
                condition=Q(flight_risk__in=FlightRisk.values),
                name="talent_rating_flight_risk_valid",
                violation_error_message="Choose a flight risk: low, medium or high.",
            ),
        ]

    def __str__(self):
        return (
            f"{self.candidate}: P{self.performance}/Pot{self.potential} ({self.rated_at:%Y-%m-%d})"
        )


class CompetencyRating(models.Model):
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="competency_ratings"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="ratings")
    score = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    rated_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="competency_ratings_given"
    )
    rated_on = models.DateField()

    class Meta:
        ordering = ["-rated_on", "competency__order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="competency_score_1_to_5",
                violation_error_message="Competency scores are 1 to 5.",
            ),
            models.UniqueConstraint(
                fields=["candidate", "competency", "rated_by", "rated_on"],
                name="competency_rating_once_per_rater_per_day",
            ),
        ]

    def __str__(self):
        return f"{self.candidate} · {self.competency}: {self.score}"


class CandidateEvent(models.Model):
    """One line of a candidate's timeline, written by the service that did the thing.

    ``confidential`` lines (ratings, flight risk, nominations) are shown to managers only.
    """

    class Kind(models.TextChoices):
        NOMINATED = "nominated", "Nominated"
        RATED = "rated", "Rated"
        COMPETENCY = "competency", "Competency rated"
        SUCCESSOR = "successor", "Successor nomination"
        READINESS = "readiness", "Readiness changed"
        STATUS = "status", "Status changed"
        PAIRING = "pairing", "Mentor pairing"
        MEETING = "meeting", "Mentor meeting"
        AGREEMENT = "agreement", "Leadership agreement"
        ROTATION = "rotation", "Rotation"
        STRETCH = "stretch", "Stretch assignment"
        EXPOSURE = "exposure", "Industry exposure"
        TRAINING = "training", "Training"
        FOLLOW_UP = "follow_up", "Follow-up"
        OWN_WORDS = "own_words", "In their own words"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    confidential = models.BooleanField(default=False)
    actor = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField()
    url = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["candidate", "-occurred_at"], name="event_timeline_idx")]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d} {self.summary}"


class PersonFlightRisk(models.Model):
    """A manager's read of whether someone in their line may leave, pool or not (an
    incumbent of a key position is rarely a candidate). Kept as a history: the latest
    is the current read. Confidential, as a candidate's rating is."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="flight_risks")
    risk = models.CharField(max_length=8, choices=FlightRisk.choices)
    reason = models.TextField()
    rated_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    rated_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-rated_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "-rated_on", "-id"], name="person_flight_risk_latest")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(risk__in=FlightRisk.values), name="person_flight_risk_valid"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_risk_display()} ({self.rated_on})"
