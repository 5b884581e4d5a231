"""The succession pool: candidates, their ratings (with history), nominations, follow-ups."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from .people import KeyPosition, Level, Person


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


class Readiness(models.TextChoices):
    READY_NOW = "ready_now", "Ready now"
    ONE_TO_TWO_YEARS = "1_2_years", "Ready in 1–2 years"
    THREE_TO_FIVE_YEARS = "3_5_years", "Ready in 3–5 years"


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


# A successor sits one to this many levels below the key position they are nominated for.
SUCCESSION_REACH_LEVELS = 3


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


class Candidate(models.Model):
    """A person in the succession pool. The current ratings are copies of the latest
    TalentRating, kept by services so the dashboards can filter and sort on them."""

    PICKER_RELATED = ("person__department",)
    PICKER_SEARCH = "people"

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="candidacy")
    status = models.CharField(
        max_length=12, choices=CandidateStatus.choices, default=CandidateStatus.ACTIVE
    )
    nominated_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="nominations_made"
    )
    nominated_on = models.DateField()
    nomination_reason = models.TextField()
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


class SuccessorNomination(models.Model):
    """A candidate nominated to succeed the incumbent of a key position."""

    position = models.ForeignKey(KeyPosition, on_delete=models.CASCADE, related_name="nominations")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="nominations")
    readiness = models.CharField(max_length=12, choices=Readiness.choices)
    note = models.TextField(blank=True)
    nominated_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="successor_nominations_made"
    )
    nominated_on = models.DateField()
    readiness_changed_on = models.DateField(null=True, blank=True)
    # Setting, changing or confirming the readiness confirms it: with the newest evidence
    # attached (``evidence_latest_on``, kept by ``succession``) it says how fresh it is.
    readiness_confirmed_on = models.DateField()
    readiness_confirmed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence_latest_on = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position", "readiness"]
        indexes = [
            models.Index(
                fields=["position", "is_active", "readiness"], name="nomination_bench_idx"
            ),
            models.Index(
                fields=["is_active", "readiness_confirmed_on"], name="nomination_confirmed_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "candidate"],
                condition=Q(is_active=True),
                name="nomination_one_active_per_candidate_and_position",
                violation_error_message="Already nominated for this position.",
            ),
            models.CheckConstraint(
                condition=Q(readiness__in=Readiness.values),
                name="nomination_readiness_valid",
                violation_error_message="Choose a readiness.",
            ),
        ]

    def __str__(self):
        return f"{self.candidate} → {self.position.title} ({self.get_readiness_display()})"


class ReadinessChange(models.Model):
    """The history of a nomination's readiness: set, changed or confirmed, by whom and
    when. The programme's reports read readiness at any past date from it."""

    class Kind(models.TextChoices):
        NOMINATED = "nominated", "Nominated"
        CHANGED = "changed", "Changed"
        CONFIRMED = "confirmed", "Confirmed"

    nomination = models.ForeignKey(
        SuccessorNomination, on_delete=models.CASCADE, related_name="readiness_history"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    readiness = models.CharField(max_length=12, choices=Readiness.choices)
    changed_on = models.DateField()
    changed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_on", "-pk"]
        indexes = [
            models.Index(fields=["nomination", "-changed_on"], name="readiness_change_recent_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(readiness__in=Readiness.values),
                name="readiness_change_readiness_valid",
                violation_error_message="Choose a readiness.",
            ),
        ]

    def __str__(self):
        return f"{self.nomination_id} {self.get_kind_display()} {self.readiness} {self.changed_on}"


class CompetencyTarget(models.Model):
    """The level a key position asks of one competency: set for the position itself, or
    for every position of a level (the default a position inherits)."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="targets")
    position = models.ForeignKey(
        KeyPosition,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="competency_targets",
    )
    level = models.PositiveSmallIntegerField(choices=Level.choices, null=True, blank=True)
    target = models.PositiveSmallIntegerField()
    updated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["competency__order", "competency__name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(position__isnull=False) & Q(level__isnull=True))
                | (Q(position__isnull=True) & Q(level__isnull=False)),
                name="competency_target_position_or_level",
                violation_error_message="A target is for one position or for one level.",
            ),
            models.CheckConstraint(
                condition=Q(target__gte=1) & Q(target__lte=5),
                name="competency_target_1_to_5",
                violation_error_message="Targets are 1 to 5, like the ratings.",
            ),
            models.UniqueConstraint(
                fields=["position", "competency"],
                condition=Q(position__isnull=False),
                name="competency_target_once_per_position",
            ),
            models.UniqueConstraint(
                fields=["level", "competency"],
                condition=Q(level__isnull=False),
                name="competency_target_once_per_level",
            ),
        ]

    def __str__(self):
        owner = self.position or f"level {self.level}"
        return f"{owner} · {self.competency}: {self.target}"


class PositionFill(models.Model):
    """Someone took a key position: a graduate of the programme, or from outside it.
    The internal fill rate of the reports counts these."""

    position = models.ForeignKey(KeyPosition, on_delete=models.CASCADE, related_name="fills")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="positions_filled")
    filled_on = models.DateField()
    from_pool = models.BooleanField(help_text="A graduate of the succession pool.")
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-filled_on", "-pk"]
        indexes = [models.Index(fields=["filled_on"], name="position_fill_date_idx")]

    def __str__(self):
        return f"{self.position.title}: {self.person} ({self.filled_on})"


class FollowUp(models.Model):
    """A conversation a manager owes someone, e.g. a nominee passed over for a position."""

    class Kind(models.TextChoices):
        PASSED_OVER = "passed_over", "Talk to the person passed over"
        OTHER = "other", "Other"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="follow_ups")
    position = models.ForeignKey(
        KeyPosition, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PASSED_OVER)
    description = models.TextField()
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="follow_ups_owned")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["done_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "position", "kind"],
                condition=Q(done_at__isnull=True),
                name="follow_up_one_open_per_candidate_position_kind",
                violation_error_message="This conversation is already on the list.",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.candidate}"


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
