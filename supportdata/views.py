"""A person's support record (their managers and HR) and HR's page of the sources."""

from functools import partial

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from candidates.access import manager_required, view_all_talent_required

from . import selectors, services, tasks
from .access import support_record_get
from .evidence import GROUPS, figure_competencies
from .forms import AliasForm, CsvUploadForm, MappingForm
from .sources import CONNECTED, CsvReader
from .sources.csvfile import COLUMNS


@manager_required
def record(request, pk):
    candidate = support_record_get(actor=request.actor, pk=pk)
    return render(
        request,
        "supportdata/record.html",
        {
            "title": f"Support record · {candidate.person.full_name}",
            "candidate": candidate,
            **selectors.support_record(person=candidate.person, today=timezone.localdate()),
        },
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def sources(request):
    upload = CsvUploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and upload.is_valid():
        result = services.sync_source(
            "csv", reader=CsvReader(upload.cleaned_data["file"].read()), full=True
        )
        messages.success(
            request,
            f"{upload.cleaned_data['file'].name}: {result.new} new, {result.changed} changed, "
            f"{result.skipped} lines skipped, {result.unmatched} by agents nobody matches.",
        )
        for problem in result.problems[:10]:
            messages.warning(request, problem)
        return redirect("supportdata:sources")
    unmatched = list(selectors.unmatched_agents())
    return render(
        request,
        "supportdata/sources.html",
        {
            "title": "Support data",
            "sources": selectors.sources_state(),
            "unmatched": [
                (agent, AliasForm(initial={"source": agent.source, "handle": agent.handle}))
                for agent in unmatched
            ],
            "upload": upload,
            "columns": COLUMNS,
            "mappings": _mapping_forms(),
        },
    )


@view_all_talent_required
@require_POST
def sync_now(request, source):
    if source not in CONNECTED:
        raise Http404("No such source.")
    transaction.on_commit(partial(tasks.support_sync.delay, source))
    messages.success(request, f"{CONNECTED[source].label}: the worker syncs it now.")
    return redirect("supportdata:sources")


@view_all_talent_required
@require_POST
def alias_add(request):
    form = AliasForm(request.POST)
    if form.is_valid():
        services.alias_add(
            actor=request.actor,
            source=form.cleaned_data["source"],
            handle=form.cleaned_data["handle"],
            person=form.person,
        )
        messages.success(
            request,
            f"{form.cleaned_data['handle']} is {form.person.full_name}: kept from the next "
            "full sync of that source.",
        )
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("supportdata:sources")


def _mapping_forms() -> list[tuple[str, str, MappingForm]]:
    current = figure_competencies()
    choices = MappingForm().fields["competencies"].queryset
    by_name = {c.name: c.pk for c in choices}
    return [
        (
            group,
            label,
            MappingForm(
                prefix=group,
                initial={"competencies": [by_name[n] for n in current[group] if n in by_name]},
            ),
        )
        for group, label in GROUPS.items()
    ]


@view_all_talent_required
@require_POST
def mapping_set(request, group):
    if group not in GROUPS:
        raise Http404("No such figure.")
    form = MappingForm(request.POST, prefix=group)
    if form.is_valid():
        services.mapping_set(
            actor=request.actor, figure=group, competencies=form.cleaned_data["competencies"]
        )
        names = ", ".join(c.name for c in form.cleaned_data["competencies"]) or "no competency"
        messages.success(request, f"{GROUPS[group]} now speaks to {names}.")
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("supportdata:sources")
