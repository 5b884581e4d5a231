"""Monthly snapshots of the programme's health. One ``ProgrammeMonth`` per month holds
the facts of that month as of its last day (or of the day it was taken, for the month
under way): a row per nomination, per candidate and per key position, each carrying
the reporting line it belonged to, so a manager's report is a prefix match on it."""

from django.db import models

from candidates.models import Candidate, CandidateStatus
from succession.models import KeyPosition, Readiness


class ProgrammeMonth(models.Model):
    class Source(models.TextChoices):
        TAKEN = "taken", "Taken on the day"
        BACKFILL = "backfill", "Rebuilt from history"

    month = models.DateField(unique=True, help_text="The first day of the month.")
    as_of = models.DateField(help_text="The day the figures describe.")
    source = models.CharField(max_length=10, choices=Source.choices)
    taken_at = models.DateTimeField()
    # The whole organisation's sums and counts of the month (reports.selectors.month_totals),
    # so HR's report reads one row a month instead of every snapshot row.
    totals = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__day=1),
                name="programme_month_first_day",
                violation_error_message="A month is named by its first day.",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} (as of {self.as_of})"


class NominationMonth(models.Model):
    """An open nomination of an active candidate, as of the month's day."""

    month = models.ForeignKey(ProgrammeMonth, on_delete=models.CASCADE, related_name="nominations")
    position = models.ForeignKey(KeyPosition, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    reporting_path = models.CharField(max_length=400)
    readiness = models.CharField(max_length=12, choices=Readiness.choices)
    is_stale = models.BooleanField()
    days_at_readiness = models.PositiveIntegerField()
    # "Ready now" decided by a second person without every must-have met.
    human_decision = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["month", "reporting_path"],
                name="nomination_month_line_idx",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
            # One position's report.
            models.Index(fields=["position", "month"], name="nomination_month_position_idx"),
        ]

    def __str__(self):
        return f"{self.month_id}: nomination of {self.candidate_id} for {self.position_id}"


class CandidateMonth(models.Model):
    """A candidate of the pool (any status), as of the month's day."""

    month = models.ForeignKey(ProgrammeMonth, on_delete=models.CASCADE, related_name="candidates")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    reporting_path = models.CharField(max_length=400)
    status = models.CharField(max_length=12, choices=CandidateStatus.choices)
    graduated = models.BooleanField(help_text="Graduated during the month.")
    exited = models.BooleanField(help_text="Left the pool during the month.")
    pairing_active = models.BooleanField()
    pairing_on_cadence = models.BooleanField()
    agreement_open = models.BooleanField()
    agreement_on_track = models.BooleanField()

    class Meta:
        indexes = [
            models.Index(
                fields=["month", "reporting_path"],
                name="candidate_month_line_idx",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            )
        ]

    def __str__(self):
        return f"{self.month_id}: candidate {self.candidate_id}"


class PositionMonth(models.Model):
    """An active key position, as of the month's day, and its fills during the month."""

    month = models.ForeignKey(ProgrammeMonth, on_delete=models.CASCADE, related_name="positions")
    position = models.ForeignKey(KeyPosition, on_delete=models.CASCADE, related_name="+")
    ready_now = models.PositiveIntegerField(help_text="Ready-now successors, any line.")
    ready_now_fresh = models.PositiveIntegerField(help_text="Of them, not stale.")
    fills_from_pool = models.PositiveIntegerField()
    fills_from_outside = models.PositiveIntegerField()
    withdrawals = models.PositiveIntegerField(default=0, help_text="Nominations withdrawn.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "position"], name="position_month_once")
        ]

    def __str__(self):
        return f"{self.month_id}: position {self.position_id}"
