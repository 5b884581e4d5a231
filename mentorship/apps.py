from importlib import import_module

from django.apps import AppConfig


class MentorshipConfig(AppConfig):
    name = "mentorship"
    verbose_name = "Mentorship and reminders"

    def ready(self):
        # Signal receivers connect once the models are loaded (Django's documented place).
        import_module("mentorship.receivers")
