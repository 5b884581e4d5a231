"""What the helpdesk and incident tools say about a person's work.

Kept: one row per item a source reports (a solved ticket, a rating, an incident led),
keyed by the source's own id so a rerun or a second worker stores nothing twice; and
per person per month the figures a support leader reads, with the team's median for the
same month. Never kept: a customer's name, e-mail or comment text (the sources' readers
drop them before anything is written).
"""

from django.db import models

from candidates.models import Department, Person


class Source(models.TextChoices):
    ZENDESK = "zendesk", "Zendesk"
    JIRA = "jira", "Jira Service Management"
    PAGERDUTY = "pagerduty", "PagerDuty"
    INCIDENTIO = "incidentio", "incident.io"
    CSV = "csv", "CSV upload"


class SourceState(models.Model):
    """Where a source's sync stands: its cursor (resumed from after a failure), who is
    running it (a lease, so two workers do not sync the same source at once) and the
    last run's counts and errors."""

    source = models.CharField(max_length=16, choices=Source.choices, unique=True)
    cursor = models.CharField(max_length=500, blank=True)
    running_since = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=16, blank=True)  # ok / failed
    last_error = models.TextField(blank=True)
    seen = models.PositiveIntegerField(default=0)
    stored = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    unmatched = models.PositiveIntegerField(default=0)
    # The last malformed records (at most 20): what was wrong, never the record itself.
    problems = models.JSONField(default=list, blank=True)

    def __str__(self):
        return self.get_source_display()


class AgentAlias(models.Model):
    """HR's word that an agent of a source is this person (another e-mail, a login)."""

    source = models.CharField(max_length=16, choices=Source.choices)
    handle = models.CharField(max_length=254, help_text="The e-mail or id the tool knows.")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="support_aliases")
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "handle"], name="alias_once_per_source")
        ]

    def __str__(self):
        return f"{self.handle} → {self.person}"


class UnmatchedAgent(models.Model):
    """An agent of a source whom no e-mail or alias matches: listed for HR, never guessed.
    Their records are not kept until HR adds an alias (the next full sync takes them)."""

    source = models.CharField(max_length=16, choices=Source.choices)
    handle = models.CharField(max_length=254)
    email = models.CharField(max_length=254, blank=True)
    name = models.CharField(max_length=200, blank=True)
    records = models.PositiveIntegerField(default=0)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "handle"], name="unmatched_once_per_source")
        ]
        ordering = ["-records"]

    def __str__(self):
        return f"{self.handle} ({self.get_source_display()})"


class Kind(models.TextChoices):
    TICKET = "ticket", "Ticket solved"
    INCIDENT_LED = "incident_led", "Incident led"
    INCIDENT_RESPONDED = "incident_responded", "Incident responded to"
    ARTICLE = "article", "Knowledge article"


class SupportItem(models.Model):
    """One item a source reported about one person's work. Figures only."""

    source = models.CharField(max_length=16, choices=Source.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    external_id = models.CharField(max_length=120)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="support_items")
    occurred_on = models.DateField()
    # A ticket: its customer's rating (good / bad / none), how many groups it passed
    # through, whether it was reopened, its SLA (met / breached / none).
    satisfaction = models.CharField(max_length=4, blank=True)
    groups = models.PositiveSmallIntegerField(default=0)
    reopened = models.BooleanField(default=False)
    sla = models.CharField(max_length=8, blank=True)
    # An incident: its severity as the tool says it (SEV1, P1…), normalised to 1–5.
    severity = models.PositiveSmallIntegerField(null=True, blank=True)
    # An article: how often others reused it (links, attachments to tickets).
    reuse = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "external_id"], name="support_item_once"
            )
        ]
        indexes = [models.Index(fields=["person", "occurred_on"], name="support_item_person_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.external_id} ({self.get_source_display()})"


FIGURES = (
    "tickets_solved",
    "satisfaction_good",
    "satisfaction_bad",
    "escalations_resolved",
    "reopened",
    "sla_met",
    "sla_breached",
    "incidents_led_sev1",
    "incidents_led_sev2",
    "incidents_led_other",
    "incidents_responded",
    "articles",
    "article_reuse",
)


class SupportMonth(models.Model):
    """A person's figures for one calendar month, rebuilt from their items."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="support_months")
    month = models.DateField(help_text="The first day of the month.")
    tickets_solved = models.PositiveIntegerField(default=0)
    satisfaction_good = models.PositiveIntegerField(default=0)
    satisfaction_bad = models.PositiveIntegerField(default=0)
    escalations_resolved = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    sla_met = models.PositiveIntegerField(default=0)
    sla_breached = models.PositiveIntegerField(default=0)
    incidents_led_sev1 = models.PositiveIntegerField(default=0)
    incidents_led_sev2 = models.PositiveIntegerField(default=0)
    incidents_led_other = models.PositiveIntegerField(default=0)
    incidents_responded = models.PositiveIntegerField(default=0)
    articles = models.PositiveIntegerField(default=0)
    article_reuse = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], name="support_month_once")
        ]
        indexes = [models.Index(fields=["month"], name="support_month_month_idx")]

    def __str__(self):
        return f"{self.person_id} {self.month:%Y-%m}"


class TeamMedian(models.Model):
    """The median of each figure over the people of a department with a record that
    month (what a person's figure is read beside)."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    people = models.PositiveIntegerField(default=0)
    figures = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["department", "month"], name="team_median_once")
        ]

    def __str__(self):
        return f"{self.department_id} {self.month:%Y-%m}"


MAPPING_CACHE_KEY = "supportdata:figure-competencies"  # forgotten when HR changes a mapping


class FigureMapping(models.Model):
    """Which competencies a support figure speaks to, as HR set it (a figure HR never set
    speaks to the defaults in ``evidence.DEFAULT_COMPETENCIES``)."""

    figure = models.CharField(max_length=32, unique=True)
    competencies = models.ManyToManyField("candidates.Competency", blank=True, related_name="+")
    updated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.figure
