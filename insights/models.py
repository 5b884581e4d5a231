"""The support-to-product insight log: what someone saw of the product in a support
shift, a rotation, a task force or a benchmark visit, routed to the product area's owner,
who answers it."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from candidates.models import Person
from development.models import BenchmarkVisit, Rotation, TaskForce


class ProductArea(models.Model):
    """A part of the product with the person who answers its insights (HR keeps them)."""

    PICKER_SEARCH_FIELDS = ("name",)

    name = models.CharField(max_length=120, unique=True)
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="product_areas")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Insight(models.Model):
    # What its raiser writes (and may correct until it is answered).
    FIELDS = (
        "area",
        "title",
        "source",
        "rotation",
        "task_force",
        "benchmark",
        "observed",
        "frequency",
        "workaround",
        "suggestion",
        "tickets",
    )

    class Source(models.TextChoices):
        SUPPORT_SHIFT = "support_shift", "A shift in support"
        ROTATION = "rotation", "A rotation"
        TASK_FORCE = "task_force", "A task force"
        BENCHMARK = "benchmark", "A benchmark visit"
        OTHER = "other", "Day-to-day support work"

    class Frequency(models.TextChoices):
        ONCE = "once", "Seen once"
        MONTHLY = "monthly", "A few times a month"
        WEEKLY = "weekly", "Every week"
        DAILY = "daily", "Every day"

    class Status(models.TextChoices):
        NEW = "new", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        PLANNED = "planned", "Planned"
        SHIPPED = "shipped", "Shipped"
        DECLINED = "declined", "Declined"

    raised_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="insights")
    area = models.ForeignKey(ProductArea, on_delete=models.PROTECT, related_name="insights")
    title = models.CharField(max_length=160)
    source = models.CharField(max_length=16, choices=Source.choices)
    rotation = models.ForeignKey(
        Rotation, null=True, blank=True, on_delete=models.SET_NULL, related_name="insights"
    )
    task_force = models.ForeignKey(
        TaskForce, null=True, blank=True, on_delete=models.SET_NULL, related_name="insights"
    )
    benchmark = models.ForeignKey(
        BenchmarkVisit, null=True, blank=True, on_delete=models.SET_NULL, related_name="insights"
    )
    observed = models.TextField()
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    workaround = models.TextField(blank=True)
    suggestion = models.TextField(blank=True)
    tickets = models.TextField(blank=True)
    raised_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [
            models.Index(fields=["area", "status"], name="insight_area_status_idx"),
            models.Index(fields=["raised_on"], name="insight_raised_on_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(answer=""),
                name="insight_declined_with_a_reason",
                violation_error_message="Say why it is declined: the person who raised it reads it.",
            ),
            models.CheckConstraint(
                condition=Q(status="new") | Q(answered_on__isnull=False),
                name="insight_answer_dated",
                violation_error_message="An answer carries its date.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("insights:detail", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.status != self.Status.NEW
