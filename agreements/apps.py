from importlib import import_module

from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Leadership agreements"

    def ready(self):
        # Signal receivers connect once the models are loaded (Django's documented place).
        import_module("agreements.receivers")
