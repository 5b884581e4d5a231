"""Who saw what: one row per request that showed confidential talent data or exported
it. The bottom layer of the project: pages above mark what they showed
(``audit.record.mark``) and the middleware writes the row, so nothing here knows the
pages. Rows keep names as they were (a snapshot), not foreign keys that could change or
vanish under them, and are never edited: admin shows them read-only and the only
deletion is the retention task."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    class What(models.TextChoices):
        PROFILE = "profile", "Candidate's record"
        POOL = "pool", "Talent pool"
        NINE_BOX = "nine_box", "9-box"
        POSITION = "position", "Key position"
        READINESS = "readiness", "Successor readiness"
        REVIEW = "review", "Talent review"
        AGREEMENT = "agreement", "Leadership agreement"
        MEETINGS = "meetings", "Mentor meetings"
        EXPERIENCE = "experience", "Development experience"
        SUPPORT = "support", "Support record"
        OUTCOME = "outcome", "How a fill turned out"
        APPLICATION = "application", "Application to the programme"
        COHORT = "cohort", "A cohort's progress"
        EXPORT = "export", "CSV export"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who asked (kept as a name below if the login is ever removed).",
    )
    viewer_name = models.CharField(max_length=200)
    what = models.CharField(max_length=20, choices=What.choices)
    subject_person_id = models.BigIntegerField(
        null=True, blank=True, help_text="The person whose data was shown, when one was."
    )
    subject_name = models.CharField(max_length=200, blank=True)
    label = models.CharField(
        max_length=300, blank=True, help_text="What exactly: a position, a review, an export."
    )
    path = models.CharField(max_length=1000)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["subject_person_id", "-at"], name="audit_subject_at"),
            models.Index(fields=["viewer", "-at"], name="audit_viewer_at"),
        ]

    def __str__(self) -> str:
        return f"{self.viewer_name} · {self.get_what_display()} · {self.at:%Y-%m-%d %H:%M}"
