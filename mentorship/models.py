"""Mentor pairings and the meeting log."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from candidates.models import Candidate, Competency, Person

# A meeting can be edited by its author for this many days after it was logged.
MEETING_EDIT_DAYS = 7


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
    ended_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Copies of the latest meeting's dates, kept by the meeting services, so the mentor
    # home and the reminder sweep read one row per pairing instead of aggregating.
    last_met_on = models.DateField(null=True, blank=True)
    next_meeting_on = models.DateField(null=True, blank=True)
    next_meeting_time = models.TimeField(null=True, blank=True)
    # The calendar invitation's SEQUENCE (RFC 5545): bumped each time the next meeting
    # moves, is dropped or the pairing stops, so calendars update the one event (its UID
    # is the pairing's) instead of adding another.
    calendar_sequence = models.PositiveIntegerField(default=0)
    # The day the next check-in is due: the last meeting (or the start) plus the cadence.
    # Kept by ``services.pairing_dates_refresh``; "overdue" is one comparison on it.
    checkin_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        indexes = [
            models.Index(fields=["mentor", "status"], name="pairing_mentor_status_idx"),
            models.Index(fields=["status", "checkin_due_on"], name="pairing_checkin_due_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=Q(status="active"),
                name="pairing_one_active_per_candidate",
                violation_error_message="This candidate already has an active mentor: end or pause that pairing first.",
            ),
            models.CheckConstraint(
                condition=Q(cadence_days__gte=1) & Q(cadence_days__lte=180),
                name="pairing_cadence_1_to_180_days",
                violation_error_message="Meet every 1 to 180 days.",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="pairing_ends_after_it_starts",
                violation_error_message="A pairing ends after it starts.",
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
    next_meeting_time = models.TimeField(
        null=True, blank=True, help_text="In the mentor's time zone; leave empty for a day."
    )
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
                violation_error_message="Between 5 minutes and 10 hours.",
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
                violation_error_message="The read of potential is 1 (low) to 3 (high).",
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


# How many people a mentor takes on when HR has not said otherwise.
DEFAULT_MENTOR_CAPACITY = 3


class MentorProfile(models.Model):
    """What HR knows of a mentor for matching: how many mentees they can take (their
    capacity) and the competencies they are strong in."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="mentor_profile")
    capacity = models.PositiveSmallIntegerField(default=DEFAULT_MENTOR_CAPACITY)
    strengths = models.ManyToManyField(Competency, blank=True, related_name="+")
    updated_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    updated_on = models.DateField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__lte=12),
                name="mentor_capacity_0_to_12",
                violation_error_message="A mentor takes 0 to 12 mentees.",
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.capacity} mentee(s)"


class MeetingRating(models.Model):
    """The mentee's private word on one meeting's usefulness. The mentor never reads it;
    HR reads each mentor's average only over five ratings or more."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="rating")
    usefulness = models.PositiveSmallIntegerField()
    comment = models.CharField(max_length=500, blank=True)
    rated_on = models.DateField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(usefulness__gte=1) & Q(usefulness__lte=5),
                name="meeting_rating_1_to_5",
                violation_error_message="Rate the meeting from 1 (not useful) to 5 (very useful).",
            )
        ]

    def __str__(self):
        return f"{self.meeting}: {self.usefulness}/5"
