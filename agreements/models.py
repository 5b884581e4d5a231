"""Leadership agreements: what the company and the candidate each commit to, signed by
both, versioned when the terms change after signing."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from candidates.models import Candidate, Person


class Side(models.TextChoices):
    COMPANY = "company", "The company will"
    CANDIDATE = "candidate", "I will"


class LeadershipAgreement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_SIGNATURES = "awaiting_signatures", "Awaiting signatures"
        ACTIVE = "active", "Active"
        UNDER_REVIEW = "under_review", "Under review"
        CLOSED = "closed", "Closed"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="agreements")
    sponsor = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="sponsored_agreements"
    )
    title = models.CharField(max_length=200, default="Leadership agreement")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    effective_on = models.DateField()
    review_on = models.DateField()
    current_version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock: a save carries the revision it was read at; a stale one is refused.
    revision = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_on__gte=F("effective_on")),
                name="agreement_review_after_effective",
                violation_error_message="The review date comes on or after the day the agreement takes effect.",
            ),
            models.UniqueConstraint(
                fields=["candidate"],
                condition=~Q(status="closed"),
                name="agreement_one_open_per_candidate",
                violation_error_message="This candidate already has an open leadership agreement: close it first.",
            ),
        ]

    def __str__(self):
        return f"{self.title}: {self.candidate}"

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.pk])


class AgreementVersion(models.Model):
    """The terms as they stood at one version, frozen; both parties sign a version."""

    agreement = models.ForeignKey(
        LeadershipAgreement, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    terms = models.JSONField(default=list, help_text="The commitments' terms at this version.")
    change_summary = models.TextField(blank=True)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="agreement_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="agreement_version_from_1",
                violation_error_message="Versions are numbered from 1.",
            ),
        ]

    def __str__(self):
        return f"{self.agreement} v{self.number}"


class Signature(models.Model):
    class Party(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        SPONSOR = "sponsor", "Executive sponsor"

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="signatures"
    )
    party = models.CharField(max_length=10, choices=Party.choices)
    signed_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "party"], name="signature_once_per_party_per_version"
            )
        ]

    def __str__(self):
        return f"{self.get_party_display()} signed {self.version}"


class Commitment(models.Model):
    class Category(models.TextChoices):
        TRAINING = "training", "Training / executive programme"
        CONFERENCE = "conference", "Conference with trip report"
        ROTATION = "rotation", "Management rotation"
        CLASSES = "classes", "Business classes"
        MENTOR = "mentor", "Executive mentor"
        TRANSITION = "transition", "First 180 days in a new seat"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    class Proposal(models.TextChoices):
        ACCEPTED = "accepted", "Part of the agreement"
        PROPOSED = "proposed", "Proposed, waiting for the sponsor"
        DECLINED = "declined", "Declined"

    agreement = models.ForeignKey(
        LeadershipAgreement, on_delete=models.CASCADE, related_name="commitments"
    )
    side = models.CharField(max_length=10, choices=Side.choices)
    category = models.CharField(max_length=12, choices=Category.choices, default=Category.OTHER)
    description = models.TextField()
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    dropped_reason = models.TextField(blank=True)
    progress_percent = models.PositiveSmallIntegerField(default=0)
    evidence = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    proposal = models.CharField(max_length=10, choices=Proposal.choices, default=Proposal.ACCEPTED)
    proposed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    removed = models.BooleanField(default=False, help_text="Taken out of the terms.")
    # The key seat whose first 180 days this item plans (proposed when a graduate takes
    # it): the outcomes report follows a new leader's first year through these.
    transition_fill = models.ForeignKey(
        "succession.PositionFill",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transition_items",
    )
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["side", "order", "pk"]
        indexes = [
            models.Index(fields=["agreement", "side"], name="commitment_agreement_side_idx"),
            models.Index(fields=["status", "due_on"], name="commitment_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__gte=0) & Q(progress_percent__lte=100),
                name="commitment_progress_0_to_100",
                violation_error_message="Progress is between 0 and 100 %.",
            ),
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(dropped_reason=""),
                name="commitment_dropped_needs_reason",
                violation_error_message="Say why the commitment is dropped.",
            ),
            models.CheckConstraint(
                condition=Q(side__in=Side.values),
                name="commitment_side_valid",
                violation_error_message="Choose the company's side or the candidate's.",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)


class CommitmentTemplate(models.Model):
    """The typical commitments a new agreement starts from (editable in the admin)."""

    side = models.CharField(max_length=10, choices=Side.choices)
    category = models.CharField(max_length=12, choices=Commitment.Category.choices)
    description = models.TextField()
    due_after_days = models.PositiveIntegerField(default=180)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["side", "order"]

    def __str__(self):
        return self.description[:80]
