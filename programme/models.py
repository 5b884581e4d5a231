"""A programme people apply to: HR opens an intake, eligible people apply in writing,
their manager endorses or not, a panel scores and decides, and the accepted join the
pool together as a cohort."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from candidates.models import Candidate, Department, Level, Person


class Intake(models.Model):
    name = models.CharField(max_length=160, unique=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    starts_on = models.DateField(help_text="The day the cohort starts.")
    places = models.PositiveSmallIntegerField()
    min_level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.ENGINEER)
    max_level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.MANAGER)
    departments = models.ManyToManyField(Department, blank=True, related_name="+")
    questions = models.TextField(help_text="One question a line.")
    panel = models.ManyToManyField(Person, related_name="panels")
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="intake_closes_after_it_opens",
                violation_error_message="An intake closes after it opens.",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__gte=F("closes_on")),
                name="intake_cohort_starts_after_it_closes",
                violation_error_message="The cohort starts once applications have closed.",
            ),
            models.CheckConstraint(
                condition=Q(min_level__lte=F("max_level")),
                name="intake_levels_in_order",
                violation_error_message="The lowest level comes before the highest.",
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1) & Q(places__lte=200),
                name="intake_places_1_to_200",
                violation_error_message="Between 1 and 200 places.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programme:intake", args=[self.pk])

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class Application(models.Model):
    class Endorsement(models.TextChoices):
        PENDING = "pending", "Waiting for the manager"
        ENDORSED = "endorsed", "Endorsed"
        NOT_ENDORSED = "not_endorsed", "Not endorsed"

    class Decision(models.TextChoices):
        PENDING = "pending", "Not decided"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="applications")
    answers = models.JSONField(default=list)
    submitted_at = models.DateTimeField()
    manager = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    endorsement = models.CharField(
        max_length=14, choices=Endorsement.choices, default=Endorsement.PENDING
    )
    endorsement_note = models.TextField(blank=True)
    endorsed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    endorsed_on = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    candidate = models.OneToOneField(
        Candidate, null=True, blank=True, on_delete=models.SET_NULL, related_name="application"
    )

    class Meta:
        ordering = ["applicant__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "applicant"],
                name="application_once_per_intake",
                violation_error_message="You have already applied to this intake.",
            ),
            models.CheckConstraint(
                condition=Q(decision="pending") | Q(decided_on__isnull=False),
                name="application_decision_dated",
            ),
        ]

    def __str__(self):
        return f"{self.applicant} → {self.intake}"

    def get_absolute_url(self):
        return reverse("programme:application", args=[self.pk])


class PanelScore(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    scored_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member"], name="panel_score_once_per_member"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="panel_score_1_to_5",
                violation_error_message="Score from 1 to 5.",
            ),
        ]

    def __str__(self):
        return f"{self.member} scored {self.application}: {self.score}"


class Cohort(models.Model):
    """The accepted applicants of an intake, in the pool together from one start date.
    Forming it sends every applicant their own outcome."""

    intake = models.OneToOneField(Intake, on_delete=models.PROTECT, related_name="cohort")
    name = models.CharField(max_length=160)
    starts_on = models.DateField()
    formed_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    formed_on = models.DateField()

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programme:cohort", args=[self.pk])
