"""Development experiences: rotations, stretch assignments, conferences, benchmark visits,
training. Rotations run both ways, so they belong to a Person, not only to a Candidate.

The tables keep the names they had when these models lived in ``candidates``
(``db_table``): moving the code did not move a row."""

from django.db import models
from django.db.models import F, Q

from agreements.models import Commitment
from candidates.models import Candidate, Competency, Department, DepartmentKind, Person
from succession.models import KeyPosition


class Cancellable(models.Model):
    """An experience that can be called off: it stays in the record, marked, with who
    cancelled it, when and why."""

    cancelled_on = models.DateField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None


class Rotation(Cancellable):
    class Direction(models.TextChoices):
        OUTBOUND = "outbound", "Outbound (support → another department)"
        INBOUND = "inbound", "Inbound (another department → support)"

    class Role(models.TextChoices):
        FUNCTIONAL_MANAGER = "functional_manager", "Functional manager"
        PROJECT_LEAD = "project_lead", "Cross-department project lead"
        SUPPORT_SHIFTS = "support_shifts", "Support shifts"
        SUBJECT_MATTER_EXPERT = "sme", "Subject-matter expert in support channels"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        RUNNING = "running", "Running"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="rotations")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    role = models.CharField(max_length=20, choices=Role.choices)
    host_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="hosted_rotations"
    )
    host_sponsor = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="sponsored_rotations"
    )
    objectives = models.TextField()
    project = models.CharField(max_length=200, blank=True)
    project_deadline = models.DateField(null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    assigned_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # The host sponsor's assessment at the end.
    objectives_met = models.BooleanField(null=True, blank=True)
    delivered_on_time = models.BooleanField(null=True, blank=True)
    assessment_comments = models.TextField(blank=True)
    assessed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_on = models.DateField(null=True, blank=True)
    # The rotating person's own reflection.
    reflection = models.TextField(blank=True)
    reflection_written_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "candidates_rotation"
        ordering = ["-starts_on"]
        indexes = [
            models.Index(fields=["person", "starts_on"], name="rotation_person_dates_idx"),
            # The development overview's lists, read in date order and cut at 20.
            models.Index(fields=["status", "ends_on"], name="rotation_status_end_idx"),
            models.Index(fields=["starts_on"], name="rotation_start_idx"),
            models.Index(
                fields=["ends_on"],
                condition=Q(assessed_on__isnull=True),
                name="rotation_unassessed_end_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="rotation_ends_after_it_starts",
                violation_error_message="A rotation ends after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(project_deadline__isnull=True)
                | Q(project_deadline__gte=F("starts_on")),
                name="rotation_deadline_after_start",
                violation_error_message="The project deadline falls after the rotation starts.",
            ),
        ]

    def __str__(self):
        return f"{self.person} in {self.host_department} ({self.starts_on:%b %Y})"

    @property
    def is_assessed(self) -> bool:
        return self.assessed_on is not None


class RotationCompetencyScore(models.Model):
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="scores")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        db_table = "candidates_rotationcompetencyscore"
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="rotation_score_1_to_5",
                violation_error_message="Scores are 1 to 5.",
            ),
            models.UniqueConstraint(
                fields=["rotation", "competency"], name="rotation_score_once_per_competency"
            ),
        ]

    def __str__(self):
        return f"{self.competency}: {self.score}"


class StretchAssignment(Cancellable):
    """A decision or situation the candidate owns, with a named safety net."""

    class Kind(models.TextChoices):
        ESCALATION = "escalation", "Escalated customer case"
        UNFAMILIAR_AREA = "unfamiliar_area", "Unfamiliar product area"
        DECISION = "decision", "Decision to own"
        OTHER = "other", "Other"

    class Outcome(models.TextChoices):
        PENDING = "pending", "In progress"
        SUCCEEDED = "succeeded", "Succeeded"
        PARTIAL = "partial", "Partly succeeded"
        FAILED = "failed", "Failed (safely)"

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="stretch_assignments"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField()
    safety_net = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="safety_nets")
    assigned_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    lessons_learned = models.TextField(blank=True)

    class Meta:
        db_table = "candidates_stretchassignment"
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="stretch_ends_after_it_starts",
                violation_error_message="A stretch assignment ends after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(outcome="pending") | Q(ends_on__isnull=False),
                name="stretch_outcome_has_an_end",
                violation_error_message="A stretch assignment with an outcome has ended: give the date.",
            ),
        ]

    def __str__(self):
        return self.title


class Conference(Cancellable):
    """A conference with a purpose: bring back ideas, in a trip report by a due date."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="conferences")
    name = models.CharField(max_length=200)
    location = models.CharField(max_length=120, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    budget = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    currency = models.CharField(max_length=3, default="EUR")
    assignment = models.TextField(default="Bring back ideas that could benefit us.")
    trip_report_due_on = models.DateField()
    assigned_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    report_learned = models.TextField(blank=True)
    report_ideas = models.TextField(blank=True)
    report_recommendations = models.TextField(blank=True)
    report_submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comments = models.TextField(blank=True)

    class Meta:
        db_table = "candidates_conference"
        ordering = ["-starts_on"]
        indexes = [
            models.Index(
                fields=["trip_report_due_on"],
                condition=Q(report_submitted_at__isnull=True),
                name="conference_report_due_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="conference_ends_after_it_starts",
                violation_error_message="The conference ends after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(trip_report_due_on__gte=F("ends_on")),
                name="conference_report_due_after_it_ends",
                violation_error_message="The trip report is due after the conference ends.",
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="conference_budget_positive",
                violation_error_message="The budget cannot be below zero.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.starts_on:%Y})"


class TaskForce(models.Model):
    """One idea from a trip report, implemented by a task force the candidate owns."""

    class Status(models.TextChoices):
        LAUNCHED = "launched", "Launched"
        IN_PROGRESS = "in_progress", "In progress"
        IMPLEMENTED = "implemented", "Implemented"
        DROPPED = "dropped", "Dropped"

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="task_forces")
    owner = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="task_forces")
    idea = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.LAUNCHED)
    launched_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    launched_on = models.DateField()
    implemented_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "candidates_taskforce"
        ordering = ["-launched_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(implemented_on__isnull=True) | Q(implemented_on__gte=F("launched_on")),
                name="task_force_implemented_after_launch",
                violation_error_message="A task force is implemented after it is launched.",
            )
        ]

    def __str__(self):
        return self.idea[:60]


class BenchmarkVisit(Cancellable):
    """A site visit to a peer company: questions before, findings after, presented back."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="benchmark_visits"
    )
    company = models.CharField(max_length=160)
    visit_on = models.DateField()
    assigned_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    questions = models.TextField(blank=True)
    questions_ready_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)
    comparison = models.TextField(blank=True)
    presented_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "candidates_benchmarkvisit"
        ordering = ["-visit_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(presented_on__isnull=True) | Q(presented_on__gte=F("visit_on")),
                name="benchmark_presented_after_visit",
                violation_error_message="The findings are presented after the visit.",
            )
        ]

    def __str__(self):
        return f"{self.company} ({self.visit_on})"


class JobShadowing(Cancellable):
    """A day or a few beside someone in the role: what to watch for before, a reflection
    after."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="shadowings")
    shadowed = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="shadowed_by")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    observe = models.TextField()
    reflection = models.TextField(blank=True)
    reflected_on = models.DateField(null=True, blank=True)
    assigned_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = "job shadowing"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="shadowing_ends_after_it_starts",
                violation_error_message="The shadowing ends after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(reflected_on__isnull=True) | Q(reflected_on__gte=F("starts_on")),
                name="shadowing_reflection_after_it_starts",
                violation_error_message="The reflection comes after the shadowing.",
            ),
        ]

    def __str__(self):
        return f"Shadowing {self.shadowed.full_name} ({self.starts_on})"

    @property
    def last_day(self):
        return self.ends_on or self.starts_on


class Training(Cancellable):
    class Kind(models.TextChoices):
        EXECUTIVE_PROGRAMME = "executive_programme", "Executive programme"
        BUSINESS_CLASSES = "business_classes", "Business classes"
        COURSE = "course", "Course"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        DROPPED = "dropped", "Dropped"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="trainings")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    provider = models.CharField(max_length=160, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    completion_evidence = models.TextField(blank=True)
    commitment = models.ForeignKey(
        "agreements.Commitment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
    )

    class Meta:
        db_table = "candidates_training"
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="training_ends_after_it_starts",
                violation_error_message="A training ends after it starts.",
            )
        ]

    def __str__(self):
        return self.name


class ExperienceIdea(models.Model):
    """The catalogue behind a development plan: for a competency, a kind of experience
    that grows it, in the words a leadership agreement would use. Edited by HR."""

    class Kind(models.TextChoices):
        ROTATION = "rotation", "Rotation"
        STRETCH = "stretch", "Stretch assignment"
        TRAINING = "training", "Training"
        CONFERENCE = "conference", "Conference with a purpose"

    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="experience_ideas"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    host_department_kind = models.CharField(
        max_length=20,
        choices=DepartmentKind.choices,
        blank=True,
        help_text="For a rotation: the kind of department that hosts it.",
    )
    description = models.CharField(
        max_length=300, help_text="What the commitment will say, e.g. “Lead a release as…”."
    )
    is_active = models.BooleanField(default=True)
    updated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["competency__order", "kind", "description"]
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "description"],
                name="experience_idea_unique_per_competency",
                violation_error_message="This competency already has that idea.",
            ),
            models.CheckConstraint(
                condition=Q(kind="rotation") | Q(host_department_kind=""),
                name="experience_idea_host_only_for_rotation",
                violation_error_message="Only a rotation has a host department.",
            ),
        ]

    def __str__(self):
        return f"{self.competency}: {self.description}"


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
        "ExperienceIdea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    commitment = models.OneToOneField(Commitment, on_delete=models.CASCADE, related_name="gap")
    target = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="When proposed.")
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The table kept its name when the plan moved here from ``succession``.
        db_table = "succession_gapcommitment"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["candidate", "competency"], name="gap_commitment_idx")]

    def __str__(self):
        return f"{self.candidate}: {self.competency} → {self.commitment_id}"
