"""HR keeps the competency model without Django admin: add, rename, describe, order,
retire (its ratings stay in the history) and bring back."""

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from candidates.access import view_all_talent_required
from candidates.models import Competency
from candidates.services import competency_add, competency_set_active, competency_update
from common.form_pages import form_submit
from common.forms import SaneInput


class CompetencyForm(SaneInput, forms.Form):
    name = forms.CharField(label="Name", max_length=80)
    description = forms.CharField(
        label="What it means here",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CompetencyEditForm(CompetencyForm):
    order = forms.IntegerField(label="Order", min_value=0, max_value=999)


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def competencies(request):
    action = request.POST.get("action", "")
    add_form = CompetencyForm(request.POST if action == "add" else None, prefix="new")
    edit_form, editing = None, None
    if action == "add" and form_submit(
        request,
        add_form,
        lambda data: competency_add(actor=request.actor, **data),
        lambda c: f"“{c.name}” added to the model.",
    ):
        return redirect("front:competencies")
    if action in ("save", "retire", "restore"):
        editing = get_object_or_404(
            Competency,
            pk=request.POST.get("pk", "0") if request.POST.get("pk", "").isdigit() else 0,
        )
    if action == "save":
        edit_form = CompetencyEditForm(request.POST, prefix=f"c{editing.pk}")
        if form_submit(
            request,
            edit_form,
            lambda data: competency_update(actor=request.actor, competency=editing, **data),
            lambda c: f"“{c.name}” saved.",
        ):
            return redirect("front:competencies")
    if action in ("retire", "restore"):
        competency_set_active(actor=request.actor, competency=editing, active=action == "restore")
        messages.success(
            request,
            f"“{editing.name}” {'is back in the model' if action == 'restore' else 'retired: no longer rated, its ratings kept'}.",
        )
        return redirect("front:competencies")
    rows = []
    for competency in Competency.objects.annotate(ratings_count=Count("ratings")).order_by(
        "-is_active", "order", "name"
    ):
        form = (
            edit_form
            if editing is not None and editing.pk == competency.pk and edit_form is not None
            else CompetencyEditForm(
                prefix=f"c{competency.pk}",
                initial={
                    "name": competency.name,
                    "description": competency.description,
                    "order": competency.order,
                },
            )
        )
        rows.append((competency, form))
    return render(
        request,
        "front/competencies.html",
        {"title": "Competency model", "rows": rows, "add_form": add_form},
    )
