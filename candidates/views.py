from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from supportlead.access import (
    CandidateAccess,
    candidate_for_self,
    candidate_get_for_user,
    candidates_managed_by,
)
from supportlead.decorators import candidate_required, manager_required

from .models import KeyPosition


@manager_required
def pool(request):
    candidates = (
        candidates_managed_by(request.user)
        .select_related("person__department")
        .order_by("person__full_name")
    )
    page = Paginator(candidates, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "candidates/pool.html", {"title": "Talent pool", "page": page})


@manager_required
def ninebox(request):
    return render(request, "placeholder.html", {"title": "9-box"})


@manager_required
def positions(request):
    return render(request, "placeholder.html", {"title": "Key positions"})


@manager_required
def position_detail(request, pk):
    position = get_object_or_404(KeyPosition, pk=pk)
    return render(request, "placeholder.html", {"title": position.title})


@login_required
def detail(request, pk):
    candidate, access = candidate_get_for_user(
        user=request.user, pk=pk, minimum=CandidateAccess.MENTOR
    )
    return render(
        request,
        "candidates/detail.html",
        {
            "title": candidate.person.full_name,
            "candidate": candidate,
            "is_manager_view": access >= CandidateAccess.MANAGER,
        },
    )


@candidate_required
def my_plan(request):
    """The candidate's home: each app adds its part (agreement first, then meetings, then
    experiences) through a ``me_context`` selector and a partial of its own."""
    from agreements.selectors import me_context as agreement_context
    from candidates.development.selectors import me_context as experience_context
    from mentorship.selectors import me_context as meeting_context

    candidate = candidate_for_self(user=request.user)
    context = {"title": "My plan", "candidate": candidate}
    for part in (agreement_context, meeting_context, experience_context):
        context.update(part(candidate=candidate, user=request.user))
    return render(request, "candidates/me.html", context)
