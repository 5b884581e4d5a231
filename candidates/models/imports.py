"""A directory import HR started from the page: the file, what checking it found, and
what applying it did. The worker does both (``candidates.tasks``); the page reads this
row, so a browser that leaves and comes back finds where it stands."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class DirectoryImport(models.Model):
    class Status(models.TextChoices):
        CHECKING = "checking", "Checking the file"
        PROBLEMS = "problems", "Problems found"
        READY = "ready", "Ready to apply"
        APPLYING = "applying", "Applying"
        DONE = "done", "Imported"
        FAILED = "failed", "Not imported"
        CANCELLED = "cancelled", "Cancelled"

    # The states in which the worker has something to do.
    WORKING = (Status.CHECKING, Status.APPLYING)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    size_bytes = models.PositiveIntegerField()
    lines = models.PositiveIntegerField(help_text="Lines of people, the header not counted.")
    digest = models.CharField(max_length=64)
    # The file itself, until it is applied or dropped: then emptied (it is HR's data).
    text = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CHECKING)
    stage = models.CharField(max_length=40, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # What checking found: counts, the first lines of each kind, the problems by line.
    plan = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    changes_only = models.BooleanField(
        default=False,
        help_text="A file of just the people who changed: nobody missing from it leaves.",
    )
    whole_directory = models.BooleanField(
        default=False,
        help_text="HR confirmed that a file deactivating many is the whole directory.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("front:org_import_detail", args=[self.pk])

    @property
    def working(self) -> bool:
        return self.status in self.WORKING
