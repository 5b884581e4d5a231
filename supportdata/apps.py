from django.apps import AppConfig


class SupportDataConfig(AppConfig):
    """Support's own evidence: what the helpdesk and the incident tool know about a
    person's work (tickets solved, satisfaction, escalations, incidents led), synced per
    source, kept per person per month beside the team's median, and offered to a
    readiness as dated evidence (``evidence.py``, found by ``succession``). It stands on
    the talent base and the readiness floor and nothing below imports it."""

    name = "supportdata"
    verbose_name = "Support evidence"
