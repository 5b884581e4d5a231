"""In-app notices and their e-mail delivery. A notice points at its item by a stable key
("pairing:12") and a link, never by a foreign key into a domain app: this app sits below
all of them. The tables keep the names they had in ``mentorship`` (``db_table``)."""

import secrets

from django.conf import settings
from django.db import models

from .registry import kind_label


class Notification(models.Model):
    """One notice to one person about one item for one due period.

    The unique constraint is what makes the sweep safe to rerun, retry or run twice at
    once: a second insert for the same (recipient, kind, item, period) is refused.
    ``kind`` is one of the kinds the apps register (``notifications.registry``).
    """

    class EmailStatus(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        DIGEST = "digest", "Waiting for the daily digest"
        SKIPPED = "skipped", "Not e-mailed (preference)"
        FAILED = "failed", "Failed"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=24)
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
        db_table = "mentorship_notification"
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

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


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

    class Meta:
        db_table = "mentorship_notificationpreference"

    def __str__(self):
        return f"{self.user}: {self.get_delivery_display()}"
