"""The insight log: /insights/ for anyone signed in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from candidates.access import view_all_talent_required
from common.form_pages import form_page

from . import selectors, services
from .access import area_get_for_hr, insight_get_for_user
from .forms import AnswerForm, AreaForm, InsightForm, NewAreaForm, NewInsightForm
from .models import Insight, ProductArea


def _int(value) -> int | None:
    return int(value) if str(value).isdigit() else None


@login_required
def log(request):
    actor = request.actor
    area = _int(request.GET.get("area"))
    status = request.GET.get("status", "")
    mine = request.GET.get("mine") == "1"
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(
        selectors.insights_log(actor=actor, area=area, status=status, mine=mine, query=query),
        settings.PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "insights/log.html",
        {
            "title": "Product insights",
            "page": page,
            "areas": selectors.areas_active(),
            "statuses": [("open", "Waiting for an answer")]
            + [(v, label) for v, label in Insight.Status.choices if v != Insight.Status.NEW],
            "chosen": {"area": area, "status": status, "mine": mine, "q": query},
            "waiting": selectors.waiting_for_me(actor=actor)[:20] if actor.person else [],
        },
    )


def _initial_context(request) -> dict:
    """A link from a rotation, task force or benchmark visit names it."""
    for field, source in (
        ("rotation", Insight.Source.ROTATION),
        ("task_force", Insight.Source.TASK_FORCE),
        ("benchmark", Insight.Source.BENCHMARK),
    ):
        if _int(request.GET.get(field)):
            return {"source": source, field: int(request.GET[field])}
    return {"source": Insight.Source.OTHER}


@login_required
@require_http_methods(["GET", "POST"])
def insight_new(request):
    if request.actor.person is None:
        raise Http404("Only people in the directory raise insights.")
    form = NewInsightForm(
        request.POST or None, person=request.actor.person, initial=_initial_context(request)
    )
    return form_page(
        request,
        form=form,
        call=lambda data: services.insight_raise(actor=request.actor, **data),
        success=lambda insight: (
            f"Raised. {insight.area.owner.full_name} answers for {insight.area}."
        ),
        done=lambda insight: insight.get_absolute_url(),
        template="insights/form.html",
        context={"title": "Raise a product insight", "heading": "Raise a product insight"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def insight_detail(request, pk):
    insight, permissions = insight_get_for_user(actor=request.actor, pk=pk)
    form = (
        AnswerForm(
            request.POST or None,
            initial={
                "status": insight.status if insight.is_answered else "",
                "answer": insight.answer,
            },
        )
        if permissions.can_answer
        else None
    )
    if request.method == "POST" and form is None:
        raise Http404
    return form_page(
        request,
        form=form,
        call=lambda data: services.insight_answer(actor=request.actor, insight=insight, **data),
        success="Answer saved; the person who raised it is told.",
        done=lambda _: insight.get_absolute_url(),
        template="insights/detail.html",
        context={"title": insight.title, "insight": insight, "permissions": permissions},
    )


@login_required
@require_http_methods(["GET", "POST"])
def insight_edit(request, pk):
    insight, permissions = insight_get_for_user(actor=request.actor, pk=pk)
    if not permissions.can_edit or insight.is_answered:
        raise Http404("Only its raiser changes it, until it is answered.")
    return form_page(
        request,
        form=InsightForm(request.POST or None, instance=insight, person=request.actor.person),
        call=lambda data: services.insight_update(actor=request.actor, insight=insight, **data),
        success="Changes saved.",
        done=lambda _: insight.get_absolute_url(),
        template="insights/form.html",
        context={"title": f"Change: {insight.title}", "heading": f"Change: {insight.title}"},
    )


@login_required
@require_POST
def insight_withdraw(request, pk):
    insight, permissions = insight_get_for_user(actor=request.actor, pk=pk)
    if not permissions.can_edit:
        raise Http404
    try:
        services.insight_withdraw(actor=request.actor, insight=insight)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(insight.get_absolute_url())
    messages.success(request, "Insight withdrawn.")
    return redirect("insights:log")


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def areas(request):
    """HR's product areas and who answers each."""
    return form_page(
        request,
        form=NewAreaForm(request.POST or None, initial={"is_active": True}),
        call=lambda data: services.area_save(actor=request.actor, **data),
        success=lambda area: f"{area} added; {area.owner.full_name} answers its insights.",
        done=lambda _: reverse("insights:areas"),
        template="insights/areas.html",
        context={
            "title": "Product areas",
            "areas": ProductArea.objects.select_related("owner").order_by("-is_active", "name"),
        },
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def area_edit(request, pk):
    area = area_get_for_hr(actor=request.actor, pk=pk)
    heading = f"Product area: {area.name}"
    return form_page(
        request,
        form=AreaForm(request.POST or None, instance=area),
        call=lambda data: services.area_save(actor=request.actor, area=area, **data),
        success="Product area saved.",
        done=lambda _: reverse("insights:areas"),
        template="insights/form.html",
        context={"title": heading, "heading": heading},
    )
