from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class NotificationsConfig(AppConfig):
    """The bottom layer: notices, their delivery, and the registry of reminder kinds that
    the domain apps fill from their own ``reminders.py``. It imports no domain app."""

    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        # Every app's reminders.py registers its kinds (as admin.py registers models).
        autodiscover_modules("reminders")
