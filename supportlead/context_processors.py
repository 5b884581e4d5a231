from django.conf import settings

import supportlead
from mentorship.models import Notification
from supportlead.access import roles_for


def navigation(request):
    """Roles for the navigation bar, the unread count, and the version for the footer."""
    context = {"app_version": supportlead.__version__, "site_url": settings.SITE_URL}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    context["roles"] = roles_for(user)
    context["unread_notifications"] = Notification.objects.filter(
        recipient=user, read_at__isnull=True
    ).count()
    return context
