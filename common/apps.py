from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The bottom floor: plumbing every app shares and no app owns (form pages and their
    one-time tokens, widgets, date bounds, SQL helpers, the actor). It knows no domain:
    nothing here imports another app of the project."""

    name = "common"
    verbose_name = "Shared plumbing"
