"""Local passwords: every account while LOCAL_LOGIN is on (the default); with
LOCAL_LOGIN=0 and company sign-in on, only a superuser, the break-glass account for
when the identity provider is down."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class LocalPasswordBackend(ModelBackend):
    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        return settings.LOCAL_LOGIN or user.is_superuser
