from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from supportlead.access import roles_for


def role_required(role: str):
    """Log in first; then 404 (not 403) for a user without ``role``, so that a page's
    existence does not leak. ``role`` is one of: manager, mentor, candidate."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not getattr(roles_for(request.user), role):
                raise Http404("Page not found.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


manager_required = role_required("manager")
mentor_required = role_required("mentor")
candidate_required = role_required("candidate")
