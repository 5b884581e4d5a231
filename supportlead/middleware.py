from django.contrib import messages
from django.shortcuts import redirect

from candidates.access import person_for

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
