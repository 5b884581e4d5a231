from django.conf import settings

import supportlead


def navigation(request):
    """Who is signed in (``actor``: the navigation's roles and unread count, the same
    value views and services read), and the version for the footer."""
    return {
        "app_version": supportlead.__version__,
        "site_url": settings.SITE_URL,
        "actor": getattr(request, "actor", None),
    }
