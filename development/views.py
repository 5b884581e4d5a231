from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from candidates.access import (
    candidate_get_managed,
    manager_required,
    people_managed_by,
    view_all_talent_required,
)
from candidates.models import Person
from common.form_pages import form_page, form_submit, submit_once

from . import selectors, services
from .access import experience_get_for_user, rotation_decline_until
from .forms import (
    AssessmentForm,
    BenchmarkForm,
    BenchmarkUpdateForm,
    CancelForm,
    ConferenceForm,
    ExperienceIdeaForm,
    HostRotationForm,
    PlanForm,
    ReflectionForm,
    ReviewForm,
    RotationForm,
    ShadowingForm,
    ShadowingReflectionForm,
    StretchForm,
    StretchOutcomeForm,
    TaskForceForm,
    TaskForceStatusForm,
    TrainingCompleteForm,
    TrainingForm,
    TripReportForm,
)
from .models import (
    BenchmarkVisit,
    Conference,
    ExperienceIdea,
    JobShadowing,
    Rotation,
    StretchAssignment,
    TaskForce,
    Training,
)


def _new_page(request, *, form, call, success, done, heading, candidate=None, submit="Save"):
    """Assign an experience: the one form page of the app, with the development crumbs."""
    return form_page(
        request,
        form=form,
        call=lambda data: call(actor=request.actor, **data),
        success=success,
        done=done,
        template="development/form.html",
        context={"title": heading, "heading": heading, "candidate": candidate, "submit": submit},
    )


@manager_required
@require_http_methods(["GET", "POST"])
def rotation_new(request):
    people = people_managed_by(request.actor).order_by("full_name")
    initial = (
        {"person": request.GET.get("person")} if request.GET.get("person", "").isdigit() else {}
    )
    return _new_page(
        request,
        form=RotationForm(request.POST or None, people=people, initial=initial),
        call=services.rotation_assign,
        success="Rotation assigned.",
        done=lambda _: reverse("front:development"),
        heading="Assign a rotation",
        submit="Assign",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def rotation_host(request):
    """Host an inbound rotation of someone from another team (their manager may decline)."""
    me = request.actor.person
    people = (
        Person.objects.filter(is_active=True)
        .exclude(pk=me.pk)
        .exclude(reporting_path__startswith=me.reporting_path)
        .order_by("full_name")
    )
    initial = (
        {"person": request.GET.get("person")} if request.GET.get("person", "").isdigit() else {}
    )
    return _new_page(
        request,
        form=HostRotationForm(request.POST or None, people=people, initial=initial),
        call=services.rotation_host,
        success=lambda rotation: (
            f"{rotation.person} rotates in {rotation.host_department}; "
            f"{rotation.person.manager or 'their manager'} is told and may decline it."
        ),
        done=lambda rotation: reverse("development:rotation_detail", args=[rotation.pk]),
        heading=f"Host a rotation in {me.department}",
        submit="Host",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def stretch_new(request, candidate_id):
    candidate = candidate_get_managed(actor=request.actor, pk=candidate_id)
    return _new_page(
        request,
        form=StretchForm(request.POST or None),
        call=partial(services.stretch_assign, candidate=candidate),
        success="Stretch assignment recorded.",
        done=lambda _: candidate.get_absolute_url(),
        heading=f"Stretch assignment for {candidate.person}",
        candidate=candidate,
    )


@manager_required
@require_http_methods(["GET", "POST"])
def conference_new(request, candidate_id):
    candidate = candidate_get_managed(actor=request.actor, pk=candidate_id)
    return _new_page(
        request,
        form=ConferenceForm(request.POST or None),
        call=partial(services.conference_assign, candidate=candidate),
        success=lambda conference: f"{candidate.person} goes to {conference.name}.",
        done=lambda conference: reverse("development:conference_detail", args=[conference.pk]),
        heading=f"Send {candidate.person} to a conference",
        candidate=candidate,
        submit="Assign",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def benchmark_new(request, candidate_id):
    candidate = candidate_get_managed(actor=request.actor, pk=candidate_id)
    return _new_page(
        request,
        form=BenchmarkForm(request.POST or None),
        call=partial(services.benchmark_assign, candidate=candidate),
        success="Benchmark visit planned.",
        done=lambda _: candidate.get_absolute_url(),
        heading=f"Benchmark visit for {candidate.person}",
        candidate=candidate,
    )


@manager_required
@require_http_methods(["GET", "POST"])
def shadowing_new(request, candidate_id):
    candidate = candidate_get_managed(actor=request.actor, pk=candidate_id)
    return _new_page(
        request,
        form=ShadowingForm(request.POST or None),
        call=partial(services.shadowing_assign, candidate=candidate),
        success="Job shadowing planned.",
        done=lambda shadowing: reverse("development:shadowing_detail", args=[shadowing.pk]),
        heading=f"Job shadowing for {candidate.person}",
        candidate=candidate,
    )


@login_required
@require_http_methods(["GET", "POST"])
def shadowing_detail(request, pk):
    """A shadowing: whom, when and what to observe; its candidate writes the reflection
    afterwards, their managers and mentor read it."""
    shadowing, permissions = experience_get_for_user(
        JobShadowing, actor=request.actor, pk=pk, related=("candidate__person", "shadowed")
    )
    form = (
        ShadowingReflectionForm(request.POST or None, initial={"reflection": shadowing.reflection})
        if permissions.is_subject and not shadowing.is_cancelled
        else None
    )
    return _one_form_page(
        request,
        permissions=permissions,
        form=form,
        service=lambda actor, **data: services.shadowing_reflect(
            actor=actor, shadowing=shadowing, **data
        ),
        success="Reflection saved.",
        template="development/shadowing.html",
        context={
            "title": f"Shadowing {shadowing.shadowed.full_name}",
            "shadowing": shadowing,
            "started": shadowing.starts_on <= timezone.localdate(),
        },
    )


@manager_required
@require_http_methods(["GET", "POST"])
def training_new(request, candidate_id):
    candidate = candidate_get_managed(actor=request.actor, pk=candidate_id)
    return _new_page(
        request,
        form=TrainingForm(request.POST or None, candidate=candidate),
        call=partial(services.training_assign, candidate=candidate),
        success="Training recorded.",
        done=lambda _: candidate.get_absolute_url(),
        heading=f"Training for {candidate.person}",
        candidate=candidate,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rotation_detail(request, pk):
    rotation, permissions = experience_get_for_user(
        Rotation, actor=request.actor, pk=pk, related=("person", "host_department", "host_sponsor")
    )
    actor = request.actor
    which = request.POST.get("form") if request.method == "POST" else None
    assess = (
        AssessmentForm(request.POST if which == "assess" else None)
        if permissions.can_assess
        else None
    )
    reflect = (
        ReflectionForm(
            request.POST if which == "reflect" else None,
            initial={"reflection": rotation.reflection},
        )
        if permissions.is_subject
        else None
    )
    if which == "assess" and assess is not None:
        if form_submit(
            request,
            assess,
            lambda d: services.rotation_assess(
                actor=actor,
                rotation=rotation,
                scores=assess.scores(),
                **{k: d[k] for k in ("objectives_met", "delivered_on_time", "assessment_comments")},
            ),
            "Assessment saved.",
        ):
            return redirect("development:rotation_detail", pk=pk)
    elif which == "reflect" and reflect is not None:
        if form_submit(
            request,
            reflect,
            lambda d: services.rotation_reflect(actor=actor, rotation=rotation, **d),
            "Reflection saved.",
        ):
            return redirect("development:rotation_detail", pk=pk)
    elif which:
        raise Http404
    return render(
        request,
        "development/rotation.html",
        {
            "title": f"Rotation: {rotation.person}",
            "rotation": rotation,
            "permissions": permissions,
            "decline_until": rotation_decline_until(rotation, permissions),
            "assess": assess,
            "reflect": reflect,
            "scores": rotation.scores.select_related("competency"),
        },
    )


def _conference_forms(request, conference, permissions, which: str | None) -> dict:
    """The conference page's forms, each for whoever may use it (None for the others):
    the subject's trip report; once written, its review and a task force for managers."""
    data = request.POST if request.method == "POST" else None
    reviewable = permissions.can_review and conference.report_submitted_at
    return {
        "report": TripReportForm(
            data if which == "report" else None,
            initial={
                "learned": conference.report_learned,
                "ideas": conference.report_ideas,
                "recommendations": conference.report_recommendations,
            },
        )
        if permissions.is_subject
        else None,
        "review": ReviewForm(
            data if which == "review" else None, initial={"comments": conference.review_comments}
        )
        if reviewable
        else None,
        "launch": TaskForceForm(data if which == "launch" else None) if reviewable else None,
    }


def _task_force_post(request, conference, permissions) -> None:
    """A task force's status, changed from the list on the page; a refusal is a message
    (the list has no form of its own to show errors on)."""
    if not permissions.can_edit:
        raise Http404
    status_form = TaskForceStatusForm(request.POST, conference=conference)
    if not form_submit(
        request,
        status_form,
        lambda d: services.task_force_update(actor=request.actor, **d),
        "Task force updated.",
    ):
        messages.error(
            request,
            "Not updated: "
            + " ".join(
                f"{status_form.fields[f].label}: {' '.join(e)}"
                for f, e in status_form.errors.items()
            ),
        )


@login_required
@require_http_methods(["GET", "POST"])
def conference_detail(request, pk):
    conference, permissions = experience_get_for_user(
        Conference, actor=request.actor, pk=pk, related=("candidate__person",)
    )
    actor = request.actor
    which = request.POST.get("form") if request.method == "POST" else None
    forms = _conference_forms(request, conference, permissions, which)
    posts = {
        "report": (services.trip_report_write, "Trip report saved."),
        "review": (services.trip_report_review, "Review saved."),
    }
    if which in posts and forms[which] is not None:
        service, success = posts[which]
        if form_submit(
            request,
            forms[which],
            lambda d: service(actor=actor, conference=conference, **d),
            success,
        ):
            return redirect("development:conference_detail", pk=pk)
    elif which == "launch" and forms["launch"] is not None:
        response = submit_once(
            request,
            forms["launch"],
            lambda d: services.task_force_launch(actor=actor, conference=conference, **d),
            "Task force launched.",
            lambda _: reverse("development:conference_detail", args=[pk]),
        )
        if response is not None:
            return response
    elif which == "task_force":
        _task_force_post(request, conference, permissions)
        return redirect("development:conference_detail", pk=pk)
    elif which:
        raise Http404
    return render(
        request,
        "development/conference.html",
        {
            "title": f"{conference.name}: {conference.candidate.person}",
            "conference": conference,
            "permissions": permissions,
            **forms,
            "task_forces": conference.task_forces.all(),
            "statuses": TaskForce.Status.choices,
            "today": timezone.localdate(),
        },
    )


def _one_form_page(
    request, *, permissions, form, service, success: str, template: str, context: dict
):
    """An experience page with one form for its subject and their managers: GET shows it,
    POST runs the service (404 for anyone else), errors stay on the form."""
    if request.method == "POST" and form is None:
        raise Http404
    return form_page(
        request,
        form=form,
        call=lambda data: service(actor=request.actor, **data),
        success=success,
        done=lambda _: request.path,
        template=template,
        context={"permissions": permissions, **context},
    )


@login_required
@require_http_methods(["GET", "POST"])
def benchmark_detail(request, pk):
    visit, permissions = experience_get_for_user(
        BenchmarkVisit, actor=request.actor, pk=pk, related=("candidate__person",)
    )
    fields = ("questions", "findings", "comparison", "presented_on")
    form = (
        BenchmarkUpdateForm(request.POST or None, initial={f: getattr(visit, f) for f in fields})
        if permissions.can_edit
        else None
    )
    return _one_form_page(
        request,
        permissions=permissions,
        form=form,
        service=lambda actor, **data: services.benchmark_update(actor=actor, visit=visit, **data),
        success="Benchmark visit saved.",
        template="development/benchmark.html",
        context={"title": f"Benchmark visit: {visit.company}", "visit": visit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def stretch_detail(request, pk):
    assignment, permissions = experience_get_for_user(
        StretchAssignment, actor=request.actor, pk=pk, related=("candidate__person", "safety_net")
    )
    fields = ("outcome", "lessons_learned", "ends_on")
    form = (
        StretchOutcomeForm(
            request.POST or None, initial={f: getattr(assignment, f) for f in fields}
        )
        if permissions.can_edit
        else None
    )
    return _one_form_page(
        request,
        permissions=permissions,
        form=form,
        service=lambda actor, **data: services.stretch_record_outcome(
            actor=actor, assignment=assignment, **data
        ),
        success="Outcome saved.",
        template="development/stretch.html",
        context={"title": assignment.title, "assignment": assignment},
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_detail(request, pk):
    training, permissions = experience_get_for_user(
        Training, actor=request.actor, pk=pk, related=("candidate__person", "commitment")
    )
    form = (
        TrainingCompleteForm(request.POST or None)
        if permissions.can_edit and training.status != Training.Status.COMPLETED
        else None
    )
    return _one_form_page(
        request,
        permissions=permissions,
        form=form,
        service=lambda actor, **data: services.training_complete(
            actor=actor, training=training, **data
        ),
        success="Training completed.",
        template="development/training.html",
        context={"title": training.name, "training": training},
    )


# --- Correcting and cancelling (managers in the subject's line) ----------------------

EDITS = {
    # kind in the URL: (model, related rows, the form it was created with)
    "rotations": (Rotation, ("person",), RotationForm),
    "stretch": (StretchAssignment, ("candidate__person",), StretchForm),
    "conferences": (Conference, ("candidate__person",), ConferenceForm),
    "benchmarks": (BenchmarkVisit, ("candidate__person",), BenchmarkForm),
    "trainings": (Training, ("candidate__person",), TrainingForm),
    "shadowings": (JobShadowing, ("candidate__person", "shadowed"), ShadowingForm),
}


def _experience_for_change(request, kind: str, pk: int, *, cancel: bool = False):
    if kind not in EDITS:
        raise Http404
    model, related, _ = EDITS[kind]
    item, permissions = experience_get_for_user(model, actor=request.actor, pk=pk, related=related)
    allowed = permissions.can_cancel if cancel else permissions.can_review
    if not allowed or item.is_cancelled:
        raise Http404
    return item


def _item_url(item) -> str:
    names = {
        Rotation: "rotation_detail",
        StretchAssignment: "stretch_detail",
        Conference: "conference_detail",
        BenchmarkVisit: "benchmark_detail",
        Training: "training_detail",
        JobShadowing: "shadowing_detail",
    }
    return reverse(f"development:{names[type(item)]}", args=[item.pk])


@login_required
@require_http_methods(["GET", "POST"])
def experience_edit(request, kind, pk):
    """Correct an experience: the form it was created with, filled in."""
    item = _experience_for_change(request, kind, pk)
    _, _, form_class = EDITS[kind]
    if form_class is RotationForm:
        form = RotationForm(request.POST or None, instance=item, people=None)
        form.fields.pop("person")
    elif form_class is TrainingForm:
        form = TrainingForm(request.POST or None, instance=item, candidate=item.candidate)
    elif form_class is BenchmarkForm:
        initial = {"company": item.company, "visit_on": item.visit_on}
        form = BenchmarkForm(request.POST or None, initial=initial)
    else:
        form = form_class(request.POST or None, instance=item)
    heading = f"Change: {item}"
    return form_page(
        request,
        form=form,
        call=lambda data: services.experience_correct(actor=request.actor, item=item, **data),
        success="Changes saved.",
        done=lambda _: _item_url(item),
        template="development/form.html",
        context={"title": heading, "heading": heading, "candidate": None, "submit": "Save"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def experience_cancel(request, kind, pk):
    """Call an experience off, with a reason; it stays in the record, marked."""
    item = _experience_for_change(request, kind, pk, cancel=True)
    heading = f"Cancel: {item}"
    return form_page(
        request,
        form=CancelForm(request.POST or None),
        call=lambda data: services.experience_cancel(
            actor=request.actor, item=item, reason=data["reason"]
        ),
        success="Cancelled; it stays in the record, marked.",
        done=lambda _: _item_url(item),
        template="development/form.html",
        context={"title": heading, "heading": heading, "candidate": None, "submit": "Cancel it"},
    )


# --- The experience catalogue (HR) ---------------------------------------------------


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def ideas(request):
    """The catalogue that turns competency gaps into suggested experiences."""
    form = ExperienceIdeaForm(request.POST or None)
    if request.method == "POST" and form_submit(
        request,
        form,
        lambda _: services.experience_idea_save(actor=request.actor, idea=form.instance),
        "Idea added to the catalogue.",
    ):
        return redirect("development:ideas")
    return render(
        request,
        "development/ideas.html",
        {
            "title": "Experience catalogue",
            "form": form,
            "ideas": ExperienceIdea.objects.select_related("competency"),
        },
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def idea_edit(request, pk):
    idea = ExperienceIdea.objects.filter(pk=pk).first()
    if idea is None:
        raise Http404("No such idea.")
    form = ExperienceIdeaForm(request.POST or None, instance=idea)
    return form_page(
        request,
        form=form,
        call=lambda _: services.experience_idea_save(actor=request.actor, idea=form.instance),
        success="Idea saved.",
        done=lambda _: reverse("development:ideas"),
        template="development/form.html",
        context={
            "title": "Edit an idea",
            "heading": "Edit an idea of the experience catalogue",
            "submit": "Save",
            "cancel_url": reverse("development:ideas"),
        },
    )


@manager_required
@require_http_methods(["GET", "POST"])
def plan(request, pk):
    candidate = candidate_get_managed(actor=request.actor, pk=pk)
    suggestions = selectors.plan_suggestions(candidate=candidate)
    keys = [
        idea["key"]
        for row in suggestions["positions"]
        for gap in row["gaps"]
        for idea in gap["ideas"]
        if not idea["taken"]
    ]
    form = PlanForm(request.POST or None, keys=keys, candidate_name=candidate.person.first_name)
    if request.method == "POST":
        response = submit_once(
            request,
            form,
            lambda data: services.plan_propose(
                actor=request.actor,
                candidate=candidate,
                picks=data["picks"],
                side=data["side"],
                due_on=data["due_on"],
            ),
            lambda made: (
                f"{len(made)} commitment{'s' if len(made) != 1 else ''} proposed on "
                f"{candidate.person.full_name}'s agreement: the sponsor decides."
            ),
            lambda _: request.path,
        )
        if response is not None:
            return response
    chosen = set(form["picks"].value() or [])
    return render(
        request,
        "development/plan.html",
        {
            "title": f"Plan from gaps · {candidate.person.full_name}",
            "candidate": candidate,
            "form": form,
            "chosen": chosen,
            **suggestions,
        },
    )
