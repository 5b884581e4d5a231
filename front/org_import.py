"""The org from the UI: HR uploads the people CSV, sees what it would create, change and
deactivate (errors by line), and confirms. The rules are import_org's
(``candidates.services.org_plan`` and ``org_import``): all or nothing, idempotent."""

import csv
import hashlib
import io

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from candidates.access import view_all_talent_required
from candidates.services import ORG_COLUMNS, OrgImportError, org_import, org_plan

MAX_BYTES = 5 * 1024 * 1024
SESSION_KEY = "org_import"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="People CSV",
        help_text=(
            "Columns: " + ", ".join(ORG_COLUMNS) + "; optional: username, location, time_zone, "
            "status (“left” for a leaver). One row per person of the whole directory."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB: is it the people CSV?")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file is not UTF-8 text: save it as CSV (UTF-8)."
            ) from None
        try:
            rows = list(csv.DictReader(io.StringIO(text)))
        except csv.Error as error:
            raise forms.ValidationError(f"The file is not a readable CSV: {error}") from None
        return {"name": upload.name, "text": text, "rows": rows}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def org_import_page(request):
    if request.method == "POST" and request.POST.get("action") == "confirm":
        return _confirm(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        plan = org_plan(rows=upload["rows"])
        if plan.problems:
            request.session.pop(SESSION_KEY, None)
        else:
            request.session[SESSION_KEY] = {
                "name": upload["name"],
                "digest": _digest(upload["text"]),
                "rows": upload["rows"],
            }
        form = UploadForm()
    return render(
        request,
        "front/org_import.html",
        {
            "title": "Import the people directory",
            "form": form,
            "plan": plan,
            "pending": request.session.get(SESSION_KEY) if plan else None,
        },
    )


def _confirm(request):
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["digest"] != request.POST.get("digest"):
        messages.warning(
            request,
            "That preview is no longer pending (confirmed already, or replaced): upload the file again.",
        )
        return redirect("front:org_import")
    try:
        result = org_import(
            rows=pending["rows"],
            actor=request.actor,
            allow_mass_departure=request.POST.get("whole_directory") == "yes",
        )
    except OrgImportError as error:
        messages.error(request, str(error))
        return redirect("front:org_import")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        f"{pending['name']} imported: {result['created']} new, {result['updated']} updated, "
        f"{result['departed']} left ({result['users']} new logins).",
    )
    return redirect("front:org_import")
