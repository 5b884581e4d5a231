from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The programme's health over time: monthly snapshots of every figure the live pages
    show (bench, staleness, fills, graduations, mentor cadence, agreements on track) and
    their trends. It reads every app below, succession included."""

    name = "reports"
    verbose_name = "Programme reports"
