from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SuccessionConfig(AppConfig):
    """Succession and readiness, one floor above the talent base: key positions, the
    successors nominated for them and their readiness (its history, its evidence, its
    confirmation, when it goes stale), target competency profiles and fills. The
    programme apps above register the evidence they hold in their own ``evidence.py``
    (``succession.evidence``), so this app imports none of them."""

    name = "succession"
    verbose_name = "Succession and readiness"

    def ready(self):
        autodiscover_modules("evidence")
        # Signal receivers connect once the models are loaded (Django's documented place).
        receivers = import_module("succession.receivers")
        # The import's preview says what a departure would end here.
        import_module("candidates.services").departure_effect_register(
            receivers.nominations_ended_by_leaving
        )
