import datetime as dt

from django import forms
from django.utils import timezone

from agreements.models import Side
from candidates.models import Readiness
from common.form_pages import OnceOnly
from common.forms import SaneInput
from common.widgets import DateInput

TARGET_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(1, 6)]


class ReadinessEvidenceForm(SaneInput, forms.Form):
    readiness = forms.ChoiceField(label="Readiness", choices=Readiness.choices)
    note = forms.CharField(
        label="Why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when the readiness changes; shown in the timeline.",
    )
    evidence = forms.MultipleChoiceField(
        label="Evidence it rests on",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, current: str, evidence_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        self.fields["evidence"].choices = evidence_choices

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("readiness") not in (None, self.current)
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", "Say why the readiness changes: the timeline keeps it.")
        return cleaned


class ConfirmForm(SaneInput, forms.Form):
    note = forms.CharField(label="Note", required=False, max_length=500)


class TargetsForm(SaneInput, forms.Form):
    """One target (1–5, or none) per competency."""

    def __init__(self, *args, rows: list[dict], inherits: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            competency = row["competency"]
            default = row["level_default"]
            self.fields[f"target_{competency.pk}"] = forms.TypedChoiceField(
                label=competency.name,
                choices=TARGET_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=row["target"],
                help_text=(
                    f"Level default: {default if default is not None else 'none'}"
                    if inherits
                    else competency.description
                ),
            )

    def targets(self) -> dict[int, int | None]:
        return {
            row["competency"].pk: self.cleaned_data[f"target_{row['competency'].pk}"]
            for row in self.rows
        }


def _six_months_ahead() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=182)


class PlanForm(OnceOnly, SaneInput, forms.Form):
    picks = forms.MultipleChoiceField(
        label="Suggestions",
        widget=forms.CheckboxSelectMultiple,
        required=True,
        error_messages={"required": "Pick at least one suggestion."},
    )
    side = forms.ChoiceField(
        label="Whose commitment",
        choices=Side.choices,
        initial=Side.COMPANY,
        widget=forms.RadioSelect,
    )
    due_on = forms.DateField(
        label="Due on",
        widget=DateInput(attrs={"class": "form-control"}),
        initial=_six_months_ahead,
    )

    def __init__(self, *args, keys: list[str], candidate_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["picks"].choices = [(key, key) for key in keys]
        # The agreement's labels speak as the candidate ("I will"); the manager reads
        # whose commitment it becomes.
        self.fields["side"].choices = [
            (Side.COMPANY, "The company will"),
            (Side.CANDIDATE, f"{candidate_name} will"),
        ]
