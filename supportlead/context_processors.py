from dataclasses import dataclass

from django.conf import settings

import supportlead
from candidates.access import viewer_for
from mentorship.access import is_mentor
from notifications.selectors import unread_count


@dataclass(frozen=True)
class Roles:
    """The navigation's view of the user: which homes they have."""

    person: object
    manager: bool
    mentor: bool
    candidate: bool
    admin: bool
    hr: bool = False  # view_all_talent: target profiles and the catalogue


def navigation(request):
    """Roles for the navigation bar, the unread count, and the version for the footer."""
    context = {"app_version": supportlead.__version__, "site_url": settings.SITE_URL}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    viewer = viewer_for(user)
    context["roles"] = Roles(
        person=viewer.person,
        manager=viewer.manager,
        mentor=is_mentor(user),
        candidate=viewer.candidate,
        admin=viewer.admin,
        hr=viewer.view_all,
    )
    context["unread_notifications"] = unread_count(user=user)
    return context
