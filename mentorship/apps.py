from importlib import import_module

from django.apps import AppConfig

from candidates.relations import mentor_rule_register


class MentorshipConfig(AppConfig):
    name = "mentorship"
    verbose_name = "Mentorship"

    def ready(self):
        # Signal receivers connect once the models are loaded (Django's documented place).
        import_module("mentorship.receivers")
        # The talent base's relation rule learns who mentors whom (candidates.relations).
        mentor_rule_register(import_module("mentorship.access").MENTOR_RULE)
