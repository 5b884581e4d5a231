"""The org from the UI: HR uploads the people CSV; the worker checks it and says what it
would create, change and deactivate (errors by line); HR confirms and the worker applies
it, all or nothing. The import's own page shows where it stands and refreshes itself
while the worker is at it, so a browser that leaves and comes back finds it. The rules
are import_org's (``candidates.services.org_plan`` and ``org_import``)."""

import csv
import datetime as dt

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.views.decorators.http import require_http_methods, require_POST

from audit.record import csv_safe
from candidates import tasks
from candidates.access import view_all_talent_required
from candidates.models import DirectoryImport, Person
from candidates.services import (
    ORG_COLUMNS,
    OrgImportError,
    directory_import_cancel,
    directory_import_confirm,
    directory_import_start,
)

MAX_BYTES = 5 * 1024 * 1024
# More lines than any directory this tool serves: a file past it is not the people CSV
# (an export of something else, or a sheet of empty rows), refused before it is read.
MAX_LINES = 100_000
# A worker silent for this long is probably not running: the page says so.
STUCK_AFTER = dt.timedelta(minutes=2)


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="People CSV",
        help_text=(
            "Columns: " + ", ".join(ORG_COLUMNS) + "; optional: username, location, time_zone, "
            "status (“left” for a leaver). Start from today's directory: "
            "people/export.csv."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    scope = forms.ChoiceField(
        label="What the file holds",
        choices=[
            ("whole", "The whole directory: anyone missing from it has left"),
            ("changes", "Only the people who changed: nobody else is touched"),
        ],
        initial="whole",
        required=False,  # a file posted without it is the whole directory, as before
        widget=forms.RadioSelect,
    )

    def clean_file(self):
        """Cheap checks only (size, encoding, line count, header): the lines themselves
        are the worker's to read."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {_size(upload.size)}; an import takes up to 5 MB: "
                "is it the people CSV?"
            )
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file is not UTF-8 text: save it as CSV (UTF-8)."
            ) from None
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        if lines > MAX_LINES:
            raise forms.ValidationError(
                f"The file has {number_format(lines, force_grouping=True)} lines "
                f"({_size(upload.size)}), more than the "
                f"{number_format(MAX_LINES, force_grouping=True)} an import takes: "
                "is it the people CSV?"
            )
        people = [line for line in text.splitlines() if line.strip(" ,;\t\r")]
        try:
            header = next(csv.reader(people[:1]), [])
        except csv.Error as error:
            raise forms.ValidationError(f"The file is not a readable CSV: {error}") from None
        if missing := [c for c in ORG_COLUMNS if c not in [h.strip() for h in header]]:
            raise forms.ValidationError(f"Missing columns: {', '.join(missing)}")
        if len(people) < 2:
            raise forms.ValidationError(
                f"The file has no people in it ({number_format(lines, force_grouping=True)} "
                "lines, none of them a person)."
            )
        return {"name": upload.name, "text": text, "size": upload.size, "lines": len(people) - 1}


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def org_import_page(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = directory_import_start(
            actor=request.actor,
            file_name=upload["name"],
            text=upload["text"],
            size=upload["size"],
            lines=upload["lines"],
            changes_only=form.cleaned_data["scope"] == "changes",
        )
        tasks.directory_import_queue(job)
        return redirect(job)
    recent = DirectoryImport.objects.select_related("uploaded_by").defer("text", "plan")[:10]
    query = request.GET.get("q", "").strip()[:100]
    found = (
        list(
            Person.objects.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
            .select_related("department")
            .order_by("-is_active", "full_name")[:20]
        )
        if len(query) >= 2
        else None
    )
    return render(
        request,
        "front/org_import.html",
        {
            "title": "Import the people directory",
            "form": form,
            "recent": recent,
            "query": query,
            "found": found,
        },
    )


@view_all_talent_required
def org_import_detail(request, pk):
    job = get_object_or_404(DirectoryImport.objects.select_related("uploaded_by"), pk=pk)
    stuck = job.working and timezone.now() - job.updated_at > STUCK_AFTER
    return render(
        request,
        "front/org_import_detail.html",
        {
            "title": f"Import of {job.file_name}",
            "job": job,
            "plan": job.plan,
            "stuck": stuck,
            "refresh": job.working and not stuck,
        },
    )


@view_all_talent_required
@require_POST
def org_import_confirm(request, pk):
    try:
        job = directory_import_confirm(
            import_id=pk,
            digest=request.POST.get("digest", ""),
            whole_directory=request.POST.get("whole_directory") == "yes",
        )
    except OrgImportError as error:
        messages.warning(request, str(error))
        return redirect("front:org_import_detail", pk=pk)
    tasks.directory_import_queue(job)
    return redirect(job)


@view_all_talent_required
@require_POST
def org_import_cancel(request, pk):
    if directory_import_cancel(import_id=pk):
        messages.success(request, "Import dropped: nothing was written, the file is gone.")
    else:
        messages.warning(request, "That import cannot be dropped any more.")
    return redirect("front:org_import_detail", pk=pk)


@view_all_talent_required
@require_POST
def org_import_requeue(request, pk):
    """Hand a step the worker never picked up to it again (it was down): each step is
    safe to run twice."""
    job = get_object_or_404(DirectoryImport, pk=pk)
    if job.working:
        DirectoryImport.objects.filter(pk=pk).update(updated_at=timezone.now())
        tasks.directory_import_queue(job)
        messages.info(request, "Handed to the worker again.")
    return redirect(job)


@view_all_talent_required
def people_export(request):
    """Today's directory in the import's own format: the file to start an import from."""
    response = StreamingHttpResponse(_export_rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="people-{stamp}.csv"'
    return response


class _Echo:
    def write(self, value):
        return value


def _export_rows():
    writer = csv.writer(_Echo())
    columns = [*ORG_COLUMNS, "username", "location", "time_zone", "status"]
    yield "\ufeff" + writer.writerow(columns)
    people = (
        Person.objects.filter(is_active=True)
        .order_by("email")
        .values_list(
            "email",
            "full_name",
            "title",
            "level",
            "department__name",
            "manager__email",
            "user__username",
            "location",
            "time_zone",
        )
    )
    for email, name, title, level, department, manager, username, location, zone in people.iterator(
        chunk_size=5000
    ):
        yield writer.writerow(
            [
                csv_safe(email),
                csv_safe(name),
                csv_safe(title),
                level,
                csv_safe(department),
                csv_safe(manager or ""),
                csv_safe(username or ""),
                csv_safe(location),
                csv_safe(zone),
                "",
            ]
        )
