"""The people directory: departments, people and their reporting lines."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Level(models.IntegerChoices):
    """Seniority. Hiring happens in stages, so key positions carry one too."""

    ENGINEER = 1, "Engineer"
    SENIOR_ENGINEER = 2, "Senior engineer"
    TEAM_LEAD = 3, "Team lead"
    MANAGER = 4, "Manager"
    SENIOR_MANAGER = 5, "Senior manager"
    DIRECTOR = 6, "Director"
    VP = 7, "Vice president"
    EXECUTIVE = 8, "C-level executive"


class DepartmentKind(models.TextChoices):
    SUPPORT = "support", "Technical support"
    RND = "rnd", "R&D"
    SALES = "sales", "Sales"
    QA = "qa", "QA"
    PRODUCT = "product", "Product"
    OPERATIONS = "operations", "Operations"
    OTHER = "other", "Other"


class Department(models.Model):
    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=DepartmentKind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(models.Model):
    """Someone in the org. Not everyone has a login; roles come from relationships."""

    # How pickers name people (``common.forms``): two Sam Lees told apart by role and team.
    PICKER_RELATED = ("department",)
    PICKER_SEARCH = "people"
    PICKER_SEARCH_FIELDS = ("full_name", "title", "email")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    full_name = models.CharField(max_length=160)
    email = models.EmailField(unique=True)
    title = models.CharField(max_length=160)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="people")
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="direct_reports"
    )
    # Materialised reporting line, "/<root id>/…/<own id>/": a manager's whole org is a
    # single indexed prefix match instead of a recursive walk. Kept by the person
    # services (``candidates.services.person_save``), which every writer calls.
    reporting_path = models.CharField(max_length=400, blank=True, default="", db_index=False)
    location = models.CharField(max_length=120, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    is_active = models.BooleanField(default=True)
    # The identity provider's own id for the person (SCIM "externalId"), when it sent one.
    external_id = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(
                fields=["reporting_path"],
                name="person_reporting_path_idx",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["full_name"], name="person_full_name_idx"),
            # Successor pickers and reach checks filter on the level.
            models.Index(fields=["level"], name="person_level_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=8),
                name="person_level_in_range",
                violation_error_message="Levels run from 1 (engineer) to 8 (C-level executive).",
            ),
            models.CheckConstraint(
                condition=~Q(manager=models.F("id")),
                name="person_not_own_manager",
                violation_error_message="A person cannot be their own manager.",
            ),
        ]

    def __str__(self):
        return self.full_name

    def picker_label(self) -> str:
        return f"{self.full_name} · {self.title}, {self.department.name}"

    @property
    def first_name(self) -> str:
        return self.full_name.split(" ")[0]

    def is_in_line_of(self, manager: "Person") -> bool:
        """True when ``manager`` is above this person (directly or not)."""
        return (
            manager.pk != self.pk
            and bool(manager.reporting_path)
            and self.reporting_path.startswith(manager.reporting_path)
        )
