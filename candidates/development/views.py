from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from candidates.models import (
    BenchmarkVisit,
    Conference,
    Rotation,
    StretchAssignment,
    TaskForce,
    Training,
)
from supportlead.access import (
    CandidateAccess,
    candidate_get_for_user,
    people_managed_by,
    person_for,
)
from supportlead.decorators import manager_required

from . import selectors, services
from .forms import (
    AssessmentForm,
    BenchmarkForm,
    BenchmarkUpdateForm,
    ConferenceForm,
    ReflectionForm,
    ReviewForm,
    RotationForm,
    StretchForm,
    StretchOutcomeForm,
    TaskForceForm,
    TaskForceStatusForm,
    TrainingCompleteForm,
    TrainingForm,
    TripReportForm,
)


def _attach(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _try(request, form, call, success: str) -> bool:
    """Run a service for a valid form; on a refusal the error goes on the form."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        _attach(form, error)
        return False
    messages.success(request, success)
    return True


@manager_required
def overview(request):
    page = Paginator(selectors.exposure_matrix(user=request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "candidates/development/overview.html",
        {
            "title": "Development",
            "page": page,
            "departments": selectors.ROTATION_DEPARTMENTS,
            "kinds": selectors.EXPOSURE_KINDS,
            **selectors.overview(user=request.user),
        },
    )


def _form_page(request, template_title, form, *, candidate=None, submit="Save"):
    return render(
        request,
        "candidates/development/form.html",
        {
            "title": template_title,
            "heading": template_title,
            "form": form,
            "candidate": candidate,
            "submit": submit,
        },
    )


@manager_required
@require_http_methods(["GET", "POST"])
def rotation_new(request):
    people = people_managed_by(request.user).order_by("full_name")
    initial = (
        {"person": request.GET.get("person")} if request.GET.get("person", "").isdigit() else {}
    )
    form = RotationForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and _try(
        request,
        form,
        lambda data: services.rotation_assign(actor=person_for(request.user), **data),
        "Rotation assigned.",
    ):
        return redirect("candidates:development")
    return _form_page(request, "Assign a rotation", form, submit="Assign")


def _candidate_for_manager(request, pk):
    candidate, _ = candidate_get_for_user(user=request.user, pk=pk, minimum=CandidateAccess.MANAGER)
    return candidate


@manager_required
@require_http_methods(["GET", "POST"])
def stretch_new(request, candidate_id):
    candidate = _candidate_for_manager(request, candidate_id)
    form = StretchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            services.stretch_assign(actor=person_for(request.user), candidate=candidate, **data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Stretch assignment recorded.")
            return redirect(candidate.get_absolute_url())
    return _form_page(
        request, f"Stretch assignment for {candidate.person}", form, candidate=candidate
    )


@manager_required
@require_http_methods(["GET", "POST"])
def conference_new(request, candidate_id):
    candidate = _candidate_for_manager(request, candidate_id)
    form = ConferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            conference = services.conference_assign(
                actor=person_for(request.user), candidate=candidate, **data
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"{candidate.person} goes to {conference.name}.")
            return redirect("candidates:conference_detail", pk=conference.pk)
    return _form_page(
        request,
        f"Send {candidate.person} to a conference",
        form,
        candidate=candidate,
        submit="Assign",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def benchmark_new(request, candidate_id):
    candidate = _candidate_for_manager(request, candidate_id)
    form = BenchmarkForm(request.POST or None)
    if request.method == "POST" and _try(
        request,
        form,
        lambda data: services.benchmark_assign(
            actor=person_for(request.user), candidate=candidate, **data
        ),
        "Benchmark visit planned.",
    ):
        return redirect(candidate.get_absolute_url())
    return _form_page(request, f"Benchmark visit for {candidate.person}", form, candidate=candidate)


@manager_required
@require_http_methods(["GET", "POST"])
def training_new(request, candidate_id):
    candidate = _candidate_for_manager(request, candidate_id)
    form = TrainingForm(request.POST or None, candidate=candidate)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            services.training_assign(actor=person_for(request.user), candidate=candidate, **data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Training recorded.")
            return redirect(candidate.get_absolute_url())
    return _form_page(request, f"Training for {candidate.person}", form, candidate=candidate)


@login_required
@require_http_methods(["GET", "POST"])
def rotation_detail(request, pk):
    rotation, roles = selectors.get_for_user(
        Rotation, user=request.user, pk=pk, related=("person", "host_department", "host_sponsor")
    )
    actor = person_for(request.user)
    which = request.POST.get("form") if request.method == "POST" else None
    assess = (
        AssessmentForm(request.POST if which == "assess" else None) if "host" in roles else None
    )
    reflect = (
        ReflectionForm(
            request.POST if which == "reflect" else None,
            initial={"reflection": rotation.reflection},
        )
        if "subject" in roles
        else None
    )
    if which == "assess" and assess is not None:
        if _try(
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
            return redirect("candidates:rotation_detail", pk=pk)
    elif which == "reflect" and reflect is not None:
        if _try(
            request,
            reflect,
            lambda d: services.rotation_reflect(actor=actor, rotation=rotation, **d),
            "Reflection saved.",
        ):
            return redirect("candidates:rotation_detail", pk=pk)
    elif which:
        raise Http404
    return render(
        request,
        "candidates/development/rotation.html",
        {
            "title": f"Rotation: {rotation.person}",
            "rotation": rotation,
            "item_roles": roles,
            "assess": assess,
            "reflect": reflect,
            "scores": rotation.scores.select_related("competency"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def conference_detail(request, pk):
    conference, roles = selectors.get_for_user(
        Conference, user=request.user, pk=pk, related=("candidate__person",)
    )
    actor = person_for(request.user)
    which = request.POST.get("form") if request.method == "POST" else None
    report = (
        TripReportForm(
            request.POST if which == "report" else None,
            initial={
                "learned": conference.report_learned,
                "ideas": conference.report_ideas,
                "recommendations": conference.report_recommendations,
            },
        )
        if "subject" in roles
        else None
    )
    review = (
        ReviewForm(
            request.POST if which == "review" else None,
            initial={"comments": conference.review_comments},
        )
        if "manager" in roles and conference.report_submitted_at
        else None
    )
    launch = (
        TaskForceForm(request.POST if which == "launch" else None)
        if "manager" in roles and conference.report_submitted_at
        else None
    )
    done = False
    if which == "report" and report is not None:
        done = _try(
            request,
            report,
            lambda d: services.trip_report_write(actor=actor, conference=conference, **d),
            "Trip report saved.",
        )
    elif which == "review" and review is not None:
        done = _try(
            request,
            review,
            lambda d: services.trip_report_review(actor=actor, conference=conference, **d),
            "Review saved.",
        )
    elif which == "launch" and launch is not None:
        done = _try(
            request,
            launch,
            lambda d: services.task_force_launch(actor=actor, conference=conference, **d),
            "Task force launched.",
        )
    elif which == "task_force":
        task_force = conference.task_forces.filter(pk=request.POST.get("task_force")).first()
        if task_force is None or not roles & {"subject", "manager"}:
            raise Http404
        status_form = TaskForceStatusForm(request.POST)
        done = _try(
            request,
            status_form,
            lambda d: services.task_force_update(actor=actor, task_force=task_force, **d),
            "Task force updated.",
        )
        if not done:
            messages.error(request, "Choose a valid status.")
            done = True
    elif which:
        raise Http404
    if done:
        return redirect("candidates:conference_detail", pk=pk)
    return render(
        request,
        "candidates/development/conference.html",
        {
            "title": f"{conference.name}: {conference.candidate.person}",
            "conference": conference,
            "item_roles": roles,
            "report": report,
            "review": review,
            "launch": launch,
            "task_forces": conference.task_forces.all(),
            "statuses": TaskForce.Status.choices,
            "today": timezone.localdate(),
        },
    )


def _one_form_page(request, *, roles, form, service, success: str, template: str, context: dict):
    """An experience page with one form for its subject and their managers: GET shows it,
    POST runs the service (404 for anyone else), errors stay on the form."""
    if request.method == "POST":
        if form is None:
            raise Http404
        if _try(
            request, form, lambda data: service(actor=person_for(request.user), **data), success
        ):
            return redirect(request.path)
    return render(request, template, {"item_roles": roles, "form": form, **context})


def _editable(roles) -> bool:
    return bool(roles & {"subject", "manager"})


@login_required
@require_http_methods(["GET", "POST"])
def benchmark_detail(request, pk):
    visit, roles = selectors.get_for_user(
        BenchmarkVisit, user=request.user, pk=pk, related=("candidate__person",)
    )
    fields = ("questions", "findings", "comparison", "presented_on")
    form = (
        BenchmarkUpdateForm(request.POST or None, initial={f: getattr(visit, f) for f in fields})
        if _editable(roles)
        else None
    )
    return _one_form_page(
        request,
        roles=roles,
        form=form,
        service=lambda actor, **data: services.benchmark_update(actor=actor, visit=visit, **data),
        success="Benchmark visit saved.",
        template="candidates/development/benchmark.html",
        context={"title": f"Benchmark visit: {visit.company}", "visit": visit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def stretch_detail(request, pk):
    assignment, roles = selectors.get_for_user(
        StretchAssignment, user=request.user, pk=pk, related=("candidate__person", "safety_net")
    )
    fields = ("outcome", "lessons_learned", "ends_on")
    form = (
        StretchOutcomeForm(
            request.POST or None, initial={f: getattr(assignment, f) for f in fields}
        )
        if _editable(roles)
        else None
    )
    return _one_form_page(
        request,
        roles=roles,
        form=form,
        service=lambda actor, **data: services.stretch_record_outcome(
            actor=actor, assignment=assignment, **data
        ),
        success="Outcome saved.",
        template="candidates/development/stretch.html",
        context={"title": assignment.title, "assignment": assignment},
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_detail(request, pk):
    training, roles = selectors.get_for_user(
        Training, user=request.user, pk=pk, related=("candidate__person", "commitment")
    )
    form = (
        TrainingCompleteForm(request.POST or None)
        if _editable(roles) and training.status != Training.Status.COMPLETED
        else None
    )
    return _one_form_page(
        request,
        roles=roles,
        form=form,
        service=lambda actor, **data: services.training_complete(
            actor=actor, training=training, **data
        ),
        success="Training completed.",
        template="candidates/development/training.html",
        context={"title": training.name, "training": training},
    )
