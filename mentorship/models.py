"""Mentor pairings, the meeting log, and the in-app notifications the reminder sweep writes."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from candidates.models import Candidate, Person


class MentorPairing(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        ENDED = "ended", "Ended"

    class Format(models.TextChoices):
        FORMAL = "formal", "Formal (project work under the mentor's eye)"
        INFORMAL = "informal", "Informal"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="pairings")
    mentor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mentor_pairings")
    cadence_days = models.PositiveSmallIntegerField(default=14)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.INFORMAL)
    goals = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Copies of the latest meeting's dates, kept by the meeting services, so the mentor
    # home and the reminder sweep read one row per pairing instead of aggregating.
    last_met_on = models.DateField(null=True, blank=True)
    next_meeting_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        indexes = [
            models.Index(fields=["mentor", "status"], name="pairing_mentor_status_idx"),
            models.Index(fields=["status", "last_met_on"], name="pairing_due_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=Q(status="active"),
                name="pairing_one_active_per_candidate",
            ),
            models.CheckConstraint(
                condition=Q(cadence_days__gte=1) & Q(cadence_days__lte=180),
                name="pairing_cadence_1_to_180_days",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="pairing_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.mentor} mentors {self.candidate}"

    def get_absolute_url(self):
        return reverse("mentorship:home")


class MeetingTopic(models.Model):
    """The list mentors pick topics from (editable in the admin)."""

    name = models.CharField(max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Meeting(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        VIDEO = "video", "Video call"
        PHONE = "phone", "Phone"
        PROJECT = "project", "Project work together"

    pairing = models.ForeignKey(MentorPairing, on_delete=models.CASCADE, related_name="meetings")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="meetings_logged")
    held_on = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField(default=45)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.VIDEO)
    topics = models.ManyToManyField(MeetingTopic, blank=True, related_name="meetings")
    other_topics = models.CharField(max_length=300, blank=True)
    shared_notes = models.TextField(blank=True, help_text="The candidate sees these.")
    private_notes = models.TextField(blank=True, help_text="Only you see these.")
    next_meeting_on = models.DateField(null=True, blank=True)
    potential_read = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Your current read of the candidate's potential (1–3)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["pairing", "-held_on"], name="meeting_recent_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=600),
                name="meeting_duration_5_to_600_minutes",
            ),
            models.CheckConstraint(
                condition=Q(next_meeting_on__isnull=True) | Q(next_meeting_on__gt=F("held_on")),
                name="meeting_next_after_this_one",
                violation_error_message="The next meeting comes after this one.",
            ),
            models.CheckConstraint(
                condition=Q(potential_read__isnull=True)
                | (Q(potential_read__gte=1) & Q(potential_read__lte=3)),
                name="meeting_potential_read_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.pairing} on {self.held_on}"


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="action_items")
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done_at", "due_on", "pk"]

    def __str__(self):
        return self.description


class Notification(models.Model):
    """One notice to one person about one item for one due period.

    The unique constraint is what makes the sweep safe to rerun, retry or run twice at
    once: a second insert for the same (recipient, kind, item, period) is refused.
    """

    class Kind(models.TextChoices):
        CHECKIN_DUE = "checkin_due", "Mentor check-in due"
        MEETING_TOMORROW = "meeting_tomorrow", "Meeting tomorrow"
        AGREEMENT_REVIEW = "agreement_review", "Agreement review due"
        COMMITMENT_DUE = "commitment_due", "Commitment due"
        PROPOSAL_WAITING = "proposal_waiting", "Proposal waiting for the sponsor"
        TRIP_REPORT_DUE = "trip_report_due", "Trip report due"
        BENCHMARK_QUESTIONS = "benchmark_questions", "Benchmark questions missing"
        ROTATION_ENDING = "rotation_ending", "Rotation ending without an assessment"

    class EmailStatus(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        DIGEST = "digest", "Waiting for the daily digest"
        SKIPPED = "skipped", "Not e-mailed (preference)"
        FAILED = "failed", "Failed"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    item_key = models.CharField(max_length=80, help_text='What it is about, e.g. "pairing:12".')
    period_key = models.CharField(max_length=40, help_text="The due period, e.g. a due date.")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(
        max_length=8, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_error = models.TextField(blank=True)
    # The sweep run that inserted the row: a run sends exactly the rows it inserted, so a
    # rerun or a concurrent run never sends a notice twice.
    batch = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["email_status"], name="notification_email_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "item_key", "period_key"],
                name="notification_once_per_recipient_item_period",
            )
        ]

    def __str__(self):
        return f"{self.recipient}: {self.title}"


class NotificationPreference(models.Model):
    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", "One e-mail per reminder"
        DIGEST = "digest", "One daily digest"
        NONE = "none", "No e-mail (in-app only)"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    muted_kinds = models.JSONField(default=list, blank=True)
    calendar_token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    def __str__(self):
        return f"{self.user}: {self.get_delivery_display()}"
