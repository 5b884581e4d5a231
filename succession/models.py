"""Succession and readiness: key positions, the successors nominated for them with a
readiness and its history, the evidence behind each readiness, the target competency
profiles positions ask for, fills of a position and the conversations a fill owes.

Several of these models lived in ``candidates`` until readiness got one home; their
tables kept their names (``db_table``) and their rows."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from candidates.models import Candidate, Competency, Department, Level, Person

from .evidence import kind_label


class Readiness(models.TextChoices):
    READY_NOW = "ready_now", "Ready now"
    ONE_TO_TWO_YEARS = "1_2_years", "Ready in 1–2 years"
    THREE_TO_FIVE_YEARS = "3_5_years", "Ready in 3–5 years"


# A successor sits one to this many levels below the key position they are nominated for.
SUCCESSION_REACH_LEVELS = 3


class KeyPosition(models.Model):
    """A role the organisation must be able to fill from inside."""

    # How pickers name and search positions (``common.forms``, ``common.pickers``).
    PICKER_RELATED = ("department",)
    PICKER_SEARCH_FIELDS = ("title", "department__name")

    title = models.CharField(max_length=160)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="key_positions"
    )
    incumbent = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="key_positions_held",
    )
    description = models.TextField(blank=True)
    # Where the seat works from (a support lead's shifts follow the sun): shown with it.
    time_zone = models.CharField(max_length=64, default="UTC")
    # Who would act in the seat for its first weeks empty (two or three weeks' notice),
    # apart from the successors: the cascade and the coverage view show them.
    acting_cover = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cover_from = models.DateField(null=True, blank=True)
    cover_note = models.CharField(max_length=500, blank=True)
    # Who answers for the seat's succession beside HR: keeps its must-haves.
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="key_positions_owned",
    )
    # Kept by the app when the incumbent leaves the company or is taken off the seat, and
    # cleared by a fill: the time from vacancy to fill is counted from it.
    vacant_since = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        db_table = "candidates_keyposition"
        ordering = ["-level", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "department"], name="key_position_unique_title_per_department"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=8),
                name="key_position_level_in_range",
                violation_error_message="Levels run from 1 (engineer) to 8 (C-level executive).",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.department})"

    def get_absolute_url(self):
        return reverse("succession:position_detail", args=[self.pk])

    def picker_label(self) -> str:
        return f"{self.title} · {self.get_level_display()} · {self.department.name}"

    @property
    def has_cover(self) -> bool:
        """Someone other than the incumbent is named to act in the seat (``covered_q``)."""
        return self.acting_cover_id is not None and self.acting_cover_id != self.incumbent_id

    @staticmethod
    def covered_q() -> Q:
        """``has_cover`` in SQL: the bench's risk ranks a seat without it."""
        return Q(acting_cover__isnull=False) & ~Q(acting_cover=F("incumbent"))


class SuccessorNomination(models.Model):
    """A candidate nominated to succeed the incumbent of a key position."""

    position = models.ForeignKey(KeyPosition, on_delete=models.CASCADE, related_name="nominations")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="nominations")
    readiness = models.CharField(max_length=12, choices=Readiness.choices)
    note = models.TextField(blank=True)
    nominated_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="successor_nominations_made"
    )
    nominated_on = models.DateField()
    readiness_changed_on = models.DateField(null=True, blank=True)
    # Setting, changing or confirming the readiness confirms it: with the newest evidence
    # attached (``evidence_latest_on``, kept by ``succession``) it says how fresh it is.
    readiness_confirmed_on = models.DateField()
    readiness_confirmed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence_latest_on = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    closed_on = models.DateField(null=True, blank=True)
    # Why it ended when someone withdrew it (a seat filled, a candidate leaving the pool or
    # the company close it without one: their own records say why).
    closed_reason = models.TextField(blank=True)
    # "Ready now" decided by a second person although a must-have lacked fresh evidence:
    # a human decision, shown as one wherever the readiness is. Cleared when it changes.
    override_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    override_on = models.DateField(null=True, blank=True)
    override_reason = models.TextField(blank=True)

    class Meta:
        db_table = "candidates_successornomination"
        ordering = ["position", "readiness"]
        indexes = [
            models.Index(
                fields=["position", "is_active", "readiness"], name="nomination_bench_idx"
            ),
            models.Index(
                fields=["is_active", "readiness_confirmed_on"], name="nomination_confirmed_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "candidate"],
                condition=Q(is_active=True),
                name="nomination_one_active_per_candidate_and_position",
                violation_error_message="Already nominated for this position.",
            ),
            models.CheckConstraint(
                condition=Q(readiness__in=Readiness.values),
                name="nomination_readiness_valid",
                violation_error_message="Choose a readiness.",
            ),
        ]

    def __str__(self):
        return f"{self.candidate} → {self.position.title} ({self.get_readiness_display()})"


class ReadinessChange(models.Model):
    """The history of a nomination's readiness: set, changed or confirmed, by whom and
    when. The programme's reports read readiness at any past date from it."""

    class Kind(models.TextChoices):
        NOMINATED = "nominated", "Nominated"
        CHANGED = "changed", "Changed"
        CONFIRMED = "confirmed", "Confirmed"
        WITHDRAWN = "withdrawn", "Withdrawn"
        OVERRIDDEN = "overridden", "Human decision"

    nomination = models.ForeignKey(
        SuccessorNomination, on_delete=models.CASCADE, related_name="readiness_history"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    readiness = models.CharField(max_length=12, choices=Readiness.choices)
    changed_on = models.DateField()
    changed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        db_table = "candidates_readinesschange"
        ordering = ["-changed_on", "-pk"]
        indexes = [
            models.Index(fields=["nomination", "-changed_on"], name="readiness_change_recent_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(readiness__in=Readiness.values),
                name="readiness_change_readiness_valid",
                violation_error_message="Choose a readiness.",
            ),
        ]

    def __str__(self):
        return f"{self.nomination_id} {self.get_kind_display()} {self.readiness} {self.changed_on}"


class ReadinessEvidence(models.Model):
    """An item the app already holds, attached to a nomination's readiness by a manager.

    ``item_id`` is the id of the item in the table its kind names (a rotation, a
    meeting, …). Its date and summary are kept as they were when attached: the record
    says what the readiness rested on at the time, even if the item changes later."""

    nomination = models.ForeignKey(
        SuccessorNomination, on_delete=models.CASCADE, related_name="evidence"
    )
    # A kind registered by the app that holds the item (``succession.evidence``).
    kind = models.CharField(max_length=24)
    item_id = models.PositiveBigIntegerField()
    dated_on = models.DateField()
    summary = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    # What the item showed when attached (``EvidenceItem.facets``), space-separated.
    facets = models.CharField(max_length=200, blank=True)
    attached_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attached_at = models.DateTimeField()

    class Meta:
        ordering = ["-dated_on", "-pk"]
        indexes = [models.Index(fields=["nomination", "-dated_on"], name="evidence_recent_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "kind", "item_id"],
                name="evidence_once_per_nomination",
                violation_error_message="That item is already attached.",
            ),
        ]

    def __str__(self):
        return f"{self.kind_display} {self.dated_on}: {self.summary}"

    @property
    def kind_display(self) -> str:
        return kind_label(self.kind)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.item_id}"

    @property
    def facet_set(self) -> frozenset[str]:
        return frozenset(self.facets.split())


class MustHave(models.Model):
    """A behaviour a successor to a key position must have shown, met by evidence of the
    kinds it names, dated within its window. "Ready now" needs every one met, or a
    second person's written decision."""

    position = models.ForeignKey(KeyPosition, on_delete=models.CASCADE, related_name="must_haves")
    behaviour = models.CharField(max_length=200)
    # What meets it: evidence kinds, or one of a kind's facets (``kind.facet``), any one.
    proofs = models.JSONField(default=list)
    within_months = models.PositiveSmallIntegerField(default=12)
    order = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "behaviour"],
                name="must_have_once_per_position",
                violation_error_message="This position already has that must-have.",
            ),
            models.CheckConstraint(
                condition=Q(within_months__gte=1) & Q(within_months__lte=60),
                name="must_have_window_1_to_60_months",
                violation_error_message="The window runs from 1 to 60 months.",
            ),
        ]

    def __str__(self):
        return f"{self.position.title}: {self.behaviour}"


class CompetencyTarget(models.Model):
    """The level a key position asks of one competency: set for the position itself, or
    for every position of a level (the default a position inherits)."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="targets")
    position = models.ForeignKey(
        KeyPosition,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="competency_targets",
    )
    level = models.PositiveSmallIntegerField(choices=Level.choices, null=True, blank=True)
    target = models.PositiveSmallIntegerField()
    updated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "candidates_competencytarget"
        ordering = ["competency__order", "competency__name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(position__isnull=False) & Q(level__isnull=True))
                | (Q(position__isnull=True) & Q(level__isnull=False)),
                name="competency_target_position_or_level",
                violation_error_message="A target is for one position or for one level.",
            ),
            models.CheckConstraint(
                condition=Q(target__gte=1) & Q(target__lte=5),
                name="competency_target_1_to_5",
                violation_error_message="Targets are 1 to 5, like the ratings.",
            ),
            models.UniqueConstraint(
                fields=["position", "competency"],
                condition=Q(position__isnull=False),
                name="competency_target_once_per_position",
            ),
            models.UniqueConstraint(
                fields=["level", "competency"],
                condition=Q(level__isnull=False),
                name="competency_target_once_per_level",
            ),
        ]

    def __str__(self):
        owner = self.position or f"level {self.level}"
        return f"{owner} · {self.competency}: {self.target}"


class PositionFill(models.Model):
    """Someone took a key position: a graduate of the programme, or from outside it.
    The internal fill rate of the reports counts these."""

    position = models.ForeignKey(KeyPosition, on_delete=models.CASCADE, related_name="fills")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="positions_filled")
    filled_on = models.DateField()
    from_pool = models.BooleanField(help_text="A graduate of the succession pool.")
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    # The slate as it stood the day of the fill, so the plan can be checked afterwards:
    # was the newcomer a nominated successor, at what readiness, called by whom, and was
    # "ready now" a human decision over an unmet must-have.
    on_slate = models.BooleanField(default=False)
    readiness_at_fill = models.CharField(max_length=12, choices=Readiness.choices, blank=True)
    nominated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    human_decision = models.BooleanField(default=False)
    # When the seat became empty, if the app knew (``KeyPosition.vacant_since``).
    vacant_since = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "candidates_positionfill"
        ordering = ["-filled_on", "-pk"]
        indexes = [models.Index(fields=["filled_on"], name="position_fill_date_idx")]

    def __str__(self):
        return f"{self.position.title}: {self.person} ({self.filled_on})"

    @property
    def days_to_fill(self) -> int | None:
        if self.vacant_since is None:
            return None
        return max((self.filled_on - self.vacant_since).days, 0)


# When the new incumbent's manager is asked how it is going, in months after the fill.
OUTCOME_CHECKPOINTS = (6, 12, 18)


class FillOutcome(models.Model):
    """How a fill turned out, said by the new incumbent's manager at 6, 12 and 18 months:
    whether the plan's "ready now" came true."""

    class Outcome(models.TextChoices):
        THRIVING = "thriving", "Thriving"
        SETTLING = "settling", "Settling in"
        STRUGGLING = "struggling", "Struggling"
        LEFT = "left", "Left the role"

    fill = models.ForeignKey(PositionFill, on_delete=models.CASCADE, related_name="outcomes")
    at_months = models.PositiveSmallIntegerField(
        choices=[(m, f"{m} months") for m in OUTCOME_CHECKPOINTS]
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    note = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_on = models.DateField()

    class Meta:
        ordering = ["fill", "at_months"]
        constraints = [
            models.UniqueConstraint(
                fields=["fill", "at_months"],
                name="fill_outcome_once_per_checkpoint",
                violation_error_message="This checkpoint is already answered.",
            )
        ]

    def __str__(self):
        return f"{self.fill} at {self.at_months} months: {self.get_outcome_display()}"


class FollowUp(models.Model):
    """A conversation a manager owes someone, e.g. a nominee passed over for a position."""

    class Kind(models.TextChoices):
        PASSED_OVER = "passed_over", "Talk to the person passed over"
        OTHER = "other", "Other"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="follow_ups")
    position = models.ForeignKey(
        KeyPosition, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PASSED_OVER)
    description = models.TextField()
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="follow_ups_owned")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.TextField(blank=True)

    class Meta:
        db_table = "candidates_followup"
        ordering = ["done_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "position", "kind"],
                condition=Q(done_at__isnull=True),
                name="follow_up_one_open_per_candidate_position_kind",
                violation_error_message="This conversation is already on the list.",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.candidate}"
