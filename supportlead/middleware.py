import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect

from candidates.access import actor_for

# Writes that do not act on the programme's data: they need a login, not a person.
PERSONLESS_WRITES = ("/accounts/", "/admin/", "/mentorship/notifications/", "/scim/")


class PersonRequiredForWrites:
    """Every write in the programme is signed by a person of the directory (who rated,
    who signed, who logged). A login that is not linked to one (an HR or admin account
    created by hand) can read what its permissions allow, and gets a clear message
    instead of an error when it tries to change something."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.method == "POST"
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(PERSONLESS_WRITES)
            and request.actor.person is None
        ):
            messages.error(
                request,
                "Your login is not linked to a person in the people directory, so it cannot "
                "change anything here. Ask an admin to link it (admin › People).",
            )
            return redirect(request.path)
        return self.get_response(request)


class ActorOnce:
    """Reads who is signed in, once per request and in one query
    (``candidates.access.actor_for``): their person, their roles, whether they mentor
    someone, their unread count. Views pass ``request.actor`` to every access check and
    service, templates read it as ``actor``, so a page pays two queries of overhead: the
    user, this one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = actor_for(getattr(request, "user", None), request=request)
        return self.get_response(request)


TOUCHED = "_active_at"


@receiver(user_logged_in)
def _session_touched_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[TOUCHED] = int(time.time())


class SessionIdleExpiry:
    """A session lasts SESSION_IDLE_HOURS from its last request (SESSION_COOKIE_AGE),
    not from its login: a request moves the deadline on by saving the session, at most
    once per SESSION_TOUCH_SECONDS so that a page costs no write in between."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(TOUCHED, 0) >= settings.SESSION_TOUCH_SECONDS:
                session[TOUCHED] = now
        return self.get_response(request)
