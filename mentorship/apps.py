from importlib import import_module

from django.apps import AppConfig

from candidates.relations import mentor_rule_register


class MentorshipConfig(AppConfig):
    name = "mentorship"
    verbose_name = "Mentorship"

    def ready(self):
        # Signal receivers connect once the models are loaded (Django's documented place).
        receivers = import_module("mentorship.receivers")
        # The import's preview says what a departure would end here.
        import_module("candidates.services").departure_effect_register(
            receivers.pairings_ended_by_leaving
        )
        # The talent base's relation rule learns who mentors whom (candidates.relations).
        mentor_rule_register(import_module("mentorship.access").MENTOR_RULE)
