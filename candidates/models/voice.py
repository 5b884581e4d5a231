"""The candidate's own words: what they want, where they could work, what drives them,
and how they see themselves on the competency model. Only they write it; their managers
in line and their mentor read it beside the manager's own view."""

from django.db import models
from django.db.models import Q

from .talent import Candidate, Competency


class Relocation(models.TextChoices):
    NO = "no", "Not open to moving"
    COUNTRY = "country", "Within my country"
    ANYWHERE = "anywhere", "Anywhere"


class Travel(models.TextChoices):
    NONE = "none", "No travel"
    OCCASIONAL = "occasional", "Now and then"
    FREQUENT = "frequent", "Often"


class OwnWords(models.Model):
    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, related_name="own_words")
    roles_wanted = models.TextField(blank=True)
    wanted_by = models.DateField(null=True, blank=True)
    relocation = models.CharField(max_length=10, choices=Relocation.choices, blank=True)
    time_zones = models.CharField(max_length=200, blank=True)
    travel = models.CharField(max_length=12, choices=Travel.choices, blank=True)
    motivation = models.TextField(blank=True)
    updated_on = models.DateField()

    class Meta:
        verbose_name_plural = "own words"

    def __str__(self):
        return f"{self.candidate} in their own words ({self.updated_on})"


class SelfAssessment(models.Model):
    """The candidate's own score on one competency; the latest is the one kept."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="self_assessments"
    )
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()
    assessed_on = models.DateField()

    class Meta:
        ordering = ["competency__order", "competency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "competency"], name="self_assessment_once_per_competency"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="self_assessment_score_1_to_5",
                violation_error_message="Scores are 1 to 5.",
            ),
        ]

    def __str__(self):
        return f"{self.candidate} · {self.competency}: {self.score} (own view)"
