"""Who acts: one value a view builds once and hands to every access check and service.

A request's actor is read by ``supportlead.middleware.ActorOnce`` (one query, the talent
base's ``candidates.access.actor_for``) and kept as ``request.actor``; the templates read
the same value as ``actor``. A sweep, a task or a command acts as ``SYSTEM``. Services
sign what they write with ``actor.person`` and decide what the actor may do from the same
values the pages show, so a page and its service never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404


@dataclass(frozen=True)
class Actor:
    user: Any = None  # the login; None for the system
    person: Any = None  # their record in the people directory, if they have one
    view_all_talent: bool = False  # sees every candidate (HR, the VP of support)
    manager: bool = False  # manages someone, or sees all talent
    candidate: bool = False  # is in the succession pool
    mentor: bool = False  # mentors someone now
    admin: bool = False  # may open Django admin
    unread_notifications: int = 0
    # The request being served, where a read of confidential data is recorded
    # (``audit.record.read``); None outside a request.
    request: Any = field(default=None, compare=False, repr=False)

    @property
    def person_id(self) -> int | None:
        return self.person.pk if self.person is not None else None


SYSTEM = Actor()


def role_required(role: str):
    """A view for actors holding ``role`` (an ``Actor`` flag): log in first, then 404,
    not 403, for anyone else, so that a page's existence does not leak."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not getattr(request.actor, role):
                raise Http404("Page not found.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
