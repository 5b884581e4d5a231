from django.contrib import messages
from django.shortcuts import redirect

from candidates.access import person_for, viewer_people, viewer_remember
from mentorship.access import is_mentor_remember, mentoring_now
from notifications.selectors import unread_count_remember, unread_notifications

# Writes that do not act on the programme's data: they need a login, not a person.
PERSONLESS_WRITES = ("/accounts/", "/admin/", "/mentorship/notifications/")


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
            and person_for(user) is None
        ):
            messages.error(
                request,
                "Your login is not linked to a person in the people directory, so it cannot "
                "change anything here. Ask an admin to link it (admin › People).",
            )
            return redirect(request.path)
        return self.get_response(request)


class ViewerOnce:
    """Reads who is signed in, once per request and in one query: their person and
    talent roles (``candidates.access``), whether they mentor someone (the navigation's
    "My mentees") and their unread count. Views, access checks and the navigation then
    read it from the request's user, so a page pays three queries of overhead: the
    session, the user, this one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            person = (
                viewer_people(user)
                .annotate(mentoring=mentoring_now(), unread=unread_notifications())
                .first()
            )
            viewer_remember(user, person)
            if person is not None:
                is_mentor_remember(user, person.mentoring)
                unread_count_remember(user, person.unread)
        return self.get_response(request)
