"""Talent reviews: the calibration meeting where managers and HR look at the 9-box of a
part of the organisation, move people with a reason, and decide what each needs next.

A review keeps its agenda (the candidates in scope), every move made in it (linked to
the rating or readiness it changed), the decisions taken, and at closing a snapshot of
each candidate at the start and at the end, so "what moved" stays readable forever.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from agreements.models import Commitment
from candidates.models import Candidate, Person, TalentRating
from succession.models import FollowUp, KeyPosition, SuccessorNomination


class TalentReview(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_PROGRESS = "in_progress", "In progress"
        CLOSED = "closed", "Closed"

    class Scope(models.TextChoices):
        LINE = "line", "Everyone under a person"
        POSITIONS = "positions", "The successors of key positions"

    name = models.CharField(max_length=120)
    held_on = models.DateField()
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.LINE)
    scope_head = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scope_positions = models.ManyToManyField(KeyPosition, blank=True, related_name="talent_reviews")
    facilitator = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="reviews_facilitated"
    )
    participants = models.ManyToManyField(Person, blank=True, related_name="reviews_joined")
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    top_box_guideline = models.PositiveSmallIntegerField(
        default=15, help_text="At most this share of the candidates in the top box (%)."
    )
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(top_box_guideline__gte=1) & Q(top_box_guideline__lte=100),
                name="review_guideline_is_a_share",
                violation_error_message="The guideline is a share: 1 to 100 %.",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "in_progress", "closed"]),
                name="review_state_valid",
                violation_error_message="Choose a valid state.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.held_on:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("reviews:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state != self.State.CLOSED


class ReviewCandidate(models.Model):
    """One line of the agenda: a candidate discussed in the review, the decision note,
    and the snapshots taken when the review started and when it closed."""

    review = models.ForeignKey(TalentReview, on_delete=models.CASCADE, related_name="agenda")
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="review_entries"
    )
    added_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    note_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note_at = models.DateTimeField(null=True, blank=True)
    # {"performance": 3, "potential": 2, "flight_risk": "low",
    #  "readiness": {"<position id>": {"title": "...", "readiness": "ready_now"}}}
    start = models.JSONField(default=dict, blank=True)
    end = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["candidate__person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "candidate"],
                name="review_candidate_once",
                violation_error_message="Already on this review's agenda.",
            )
        ]

    def __str__(self):
        return f"{self.review.name}: {self.candidate}"

    def get_absolute_url(self):
        return reverse("reviews:entry", args=[self.review_id, self.pk])


class ReviewMove(models.Model):
    """A change made in the review, with its reason: linked to the rating or nomination
    it changed, so the candidate's history names the session."""

    class Kind(models.TextChoices):
        RATING = "rating", "9-box"
        FLIGHT_RISK = "flight_risk", "Flight risk"
        READINESS = "readiness", "Readiness"

    review = models.ForeignKey(TalentReview, on_delete=models.CASCADE, related_name="moves")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    position = models.ForeignKey(
        KeyPosition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    before = models.CharField(max_length=80)
    after = models.CharField(max_length=80)
    reason = models.TextField()
    moved_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    moved_at = models.DateTimeField()
    rating = models.ForeignKey(
        TalentRating, null=True, blank=True, on_delete=models.SET_NULL, related_name="review_moves"
    )
    nomination = models.ForeignKey(
        SuccessorNomination, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-moved_at", "-pk"]
        indexes = [models.Index(fields=["review", "candidate"], name="review_move_idx")]

    def __str__(self):
        return f"{self.candidate}: {self.get_kind_display()} {self.before} → {self.after}"


class ReviewAction(models.Model):
    """A decision taken for a candidate, carried out through the app's own flows and
    linked to what it created, so the next review sees whether it was done."""

    class Kind(models.TextChoices):
        DEVELOPMENT = "development", "Development action"
        CONVERSATION = "conversation", "Conversation to hold"
        NOMINATION = "nomination", "Successor nomination"
        STATUS = "status", "Change of status"

    review = models.ForeignKey(TalentReview, on_delete=models.CASCADE, related_name="actions")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    description = models.TextField()
    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    follow_up = models.ForeignKey(
        FollowUp, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nomination = models.ForeignKey(
        SuccessorNomination, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["candidate", "review"], name="review_action_idx")]

    def __str__(self):
        return f"{self.candidate}: {self.get_kind_display()}"

    @property
    def is_done(self) -> bool:
        """A development action when its commitment is done, a conversation when held;
        a nomination or a status change is done when decided."""
        if self.kind == self.Kind.DEVELOPMENT:
            return bool(self.commitment and self.commitment.status == Commitment.Status.DONE)
        if self.kind == self.Kind.CONVERSATION:
            return bool(self.follow_up and self.follow_up.done_at)
        return True
