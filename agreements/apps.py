from importlib import import_module

from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Leadership agreements"

    def ready(self):
        # Signal receivers connect once the models are loaded (Django's documented place).
        receivers = import_module("agreements.receivers")
        # The import's preview says what a departure would end here.
        import_module("candidates.services").departure_effect_register(
            receivers.agreements_ended_by_leaving
        )
