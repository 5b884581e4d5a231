from django.apps import AppConfig


class FrontConfig(AppConfig):
    """The pages that read across apps (talent pool, 9-box, key positions, profile,
    /me/, the development overview). No model of its own: it sits on top of the others,
    as healthchecks' ``hc/front`` sits on ``hc/api``."""

    name = "front"
    verbose_name = "Pages"
