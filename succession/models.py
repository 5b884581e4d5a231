"""The evidence behind a successor's readiness, and the proposals made from gaps."""

from django.db import models

from agreements.models import Commitment
from candidates.models import Candidate, Competency, KeyPosition, Person, SuccessorNomination
from development.models import ExperienceIdea


class EvidenceKind(models.TextChoices):
    ROTATION = "rotation", "Rotation assessed"
    STRETCH = "stretch", "Stretch assignment outcome"
    TRIP_REPORT = "trip_report", "Trip report reviewed"
    TASK_FORCE = "task_force", "Task force run"
    COMMITMENT = "commitment", "Commitment done"
    COMPETENCY = "competency", "Competency ratings"
    MENTOR_READ = "mentor_read", "Mentor's read of potential"
    REVIEW = "review", "Talent review decision"


class ReadinessEvidence(models.Model):
    """An item the app already holds, attached to a nomination's readiness by a manager.

    ``item_id`` is the id of the item in the table its kind names (a rotation, a
    meeting, …). Its date and summary are kept as they were when attached: the record
    says what the readiness rested on at the time, even if the item changes later."""

    Kind = EvidenceKind

    nomination = models.ForeignKey(
        SuccessorNomination, on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(max_length=12, choices=EvidenceKind.choices)
    item_id = models.PositiveBigIntegerField()
    dated_on = models.DateField()
    summary = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    attached_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attached_at = models.DateTimeField()

    class Meta:
        ordering = ["-dated_on", "-pk"]
        indexes = [models.Index(fields=["nomination", "-dated_on"], name="evidence_recent_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "kind", "item_id"],
                name="evidence_once_per_nomination",
                violation_error_message="That item is already attached.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=EvidenceKind.values),
                name="evidence_kind_valid",
                violation_error_message="Choose a kind of evidence.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.dated_on}: {self.summary}"

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.item_id}"


class GapCommitment(models.Model):
    """A commitment proposed from a competency gap: which gap it is meant to close."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="gap_commitments"
    )
    position = models.ForeignKey(
        KeyPosition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    idea = models.ForeignKey(
        ExperienceIdea, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    commitment = models.OneToOneField(Commitment, on_delete=models.CASCADE, related_name="gap")
    target = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="When proposed.")
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["candidate", "competency"], name="gap_commitment_idx")]

    def __str__(self):
        return f"{self.candidate}: {self.competency} → {self.commitment_id}"
