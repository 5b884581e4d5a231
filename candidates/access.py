"""Who may see what of the talent base (DESIGN.md, "Confidentiality").

- A manager sees the candidates in their part of the org (direct and indirect reports),
  never themselves; a user with ``candidates.view_all_talent`` (HR, VP support) sees
  everyone. Only they see ratings, 9-box, flight risk and the pool itself.
- A candidate sees their own plan, never a rating and never the pool.
- Anything out of reach answers 404, so the existence of a record does not leak.

This module answers for the relations the talent base knows (line manager, self). The
apps above add theirs (mentorship: the mentor) in their own ``access.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from .models import Candidate, Person

VIEW_ALL_TALENT = "candidates.view_all_talent"


@dataclass(frozen=True)
class Viewer:
    """The signed-in user as the talent base sees them, read once per request."""

    person: Person | None
    view_all: bool
    manager: bool  # has reports, or view_all_talent
    candidate: bool  # is in the succession pool
    admin: bool

    @property
    def reporting_path(self) -> str:
        return self.person.reporting_path if self.person else ""


_VIEWER_CACHE = "_supportlead_viewer"


def viewer_people(user) -> QuerySet[Person]:
    """The query that reads a signed-in user: their active person, whether they manage
    anyone, are in the pool, or hold view_all_talent (directly or through a group).
    One query; the request middleware adds what the navigation needs to it."""
    granted = Permission.objects.filter(
        content_type__app_label="candidates", codename="view_all_talent"
    ).filter(Q(user=OuterRef("user_id")) | Q(group__user=OuterRef("user_id")))
    return (
        Person.objects.filter(user=user, is_active=True)
        .select_related("department", "candidacy")
        .annotate(
            has_reports=Exists(Person.objects.filter(manager=OuterRef("pk"), is_active=True)),
            has_candidacy=Exists(Candidate.objects.filter(person=OuterRef("pk"))),
            granted_view_all=Exists(granted),
        )
    )


def viewer_remember(user, person: Person | None) -> Viewer:
    """Make the viewer of ``person`` (read by ``viewer_people``) the user's for this
    request. A login without a person asks Django for the permission (admins, tests)."""
    if person is not None:
        view_all = user.is_active and (user.is_superuser or person.granted_view_all)
    else:
        view_all = user.is_active and user.has_perm(VIEW_ALL_TALENT)
    viewer = Viewer(
        person=person,
        view_all=view_all,
        manager=view_all or bool(person and person.has_reports),
        candidate=bool(person and person.has_candidacy),
        admin=user.is_staff,
    )
    setattr(user, _VIEWER_CACHE, viewer)
    return viewer


def viewer_for(user) -> Viewer:
    """The user's person and talent roles, in one query, cached on the user object (a
    request has it already: ``supportlead.middleware.ViewerOnce`` read it)."""
    cached = getattr(user, _VIEWER_CACHE, None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        return Viewer(None, False, False, False, False)
    return viewer_remember(user, viewer_people(user).first())


def person_for(user) -> Person | None:
    return viewer_for(user).person


def _role_required(flag: str):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not getattr(viewer_for(request.user), flag):
                raise Http404("Page not found.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Log in first; then 404 (not 403) for a user without the role, so a page's existence
# does not leak.
manager_required = _role_required("manager")
candidate_required = _role_required("candidate")
# HR's own pages (target profiles, the experience catalogue, fills from outside).
hr_required = _role_required("view_all")


# --- Which rows -------------------------------------------------------------------------


def in_line_q(viewer: Viewer, prefix: str = "") -> Q:
    """People (at ``prefix``) whose confidential data the viewer may see: everyone for
    view_all_talent, otherwise the viewer's line, never the viewer themself."""
    if viewer.view_all:
        everyone = Q(**{f"{prefix}pk__isnull": False})
        return everyone & ~Q(**{f"{prefix}pk": viewer.person.pk}) if viewer.person else everyone
    if viewer.person is None or not viewer.manager or not viewer.reporting_path:
        return Q(pk__in=[])
    return Q(**{f"{prefix}reporting_path__startswith": viewer.reporting_path}) & ~Q(
        **{f"{prefix}pk": viewer.person.pk}
    )


def candidates_managed_by(user) -> QuerySet[Candidate]:
    """Candidates whose confidential data the user may see: their org, or everyone."""
    return Candidate.objects.filter(in_line_q(viewer_for(user), "person__"))


def people_managed_by(user) -> QuerySet[Person]:
    """Active people the user may nominate, rate or send on a rotation."""
    return Person.objects.filter(in_line_q(viewer_for(user)), is_active=True)


def manages_person(user, person: Person) -> bool:
    """True when ``person`` is in the user's line (or the user sees all talent)."""
    viewer = viewer_for(user)
    if viewer.person is not None and person.pk == viewer.person.pk:
        return False
    if viewer.view_all:
        return True
    return bool(
        viewer.manager
        and viewer.reporting_path
        and person.reporting_path.startswith(viewer.reporting_path)
    )


def candidate_get_managed(*, user, pk: int) -> Candidate:
    """A candidate in the user's line (to rate, nominate, plan for), or 404."""
    try:
        return candidates_managed_by(user).select_related("person__department").get(pk=pk)
    except Candidate.DoesNotExist:
        raise Http404("No such candidate.") from None


def candidate_for_self(*, user) -> Candidate:
    """The user's own candidacy (for /me/), or 404."""
    person = person_for(user)
    candidate = getattr(person, "candidacy", None) if person is not None else None
    if candidate is None:
        raise Http404("You are not in the succession pool.")
    return candidate  # read with the viewer, its person and department included
