from zoneinfo import available_timezones

from django import forms
from django.utils import timezone

from candidates.models import CandidateStatus, Department, Person
from common.form_pages import OnceOnly
from common.forms import SaneInput
from common.widgets import DateInput

from .evidence import proof_choices
from .models import FillOutcome, KeyPosition, MustHave, Readiness

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
    override_reason = forms.CharField(
        label="Decide “ready now” without the must-haves",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "Only when a must-have lacks fresh evidence and you judge them ready all the same: "
            "your reason is kept, and the readiness shows as a human decision."
        ),
    )

    def __init__(
        self,
        *args,
        current: str,
        evidence_choices: list[tuple[str, str]],
        may_decide: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.current = current
        self.fields["evidence"].choices = evidence_choices
        if not may_decide:
            del self.fields["override_reason"]

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


class WithdrawForm(SaneInput, forms.Form):
    reason = forms.CharField(
        label="Why it is withdrawn",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the nomination's history and on the candidate's timeline.",
    )


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


class SuccessorNominationForm(OnceOnly, SaneInput, forms.Form):
    position = forms.ModelChoiceField(label="Key position", queryset=KeyPosition.objects.none())
    readiness = forms.ChoiceField(label="Readiness", choices=Readiness.choices)
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Required for “ready now” more than one level up: why they are ready.",
    )

    def __init__(self, *args, positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if positions is not None:
            self.fields["position"].queryset = positions


class SuccessorForPositionForm(OnceOnly, SaneInput, forms.Form):
    candidate = forms.ModelChoiceField(label="Candidate", queryset=Person.objects.none())
    readiness = forms.ChoiceField(label="Readiness", choices=Readiness.choices)
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["candidate"].queryset = candidates


class PositionFillForm(OnceOnly, SaneInput, forms.Form):
    email = forms.EmailField(
        label="Their e-mail in the directory",
        help_text="The new incumbent, as the people directory knows them.",
    )
    filled_on = forms.DateField(
        label="In the role since", widget=DateInput, initial=timezone.localdate
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="E.g. why nobody from the pool was ready.",
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        person = Person.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(
                "Nobody active in the directory has this e-mail: import them first."
            )
        return person


class StatusForm(SaneInput, forms.Form):
    status = forms.ChoiceField(label="Status", choices=CandidateStatus.choices)
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Required when they leave the pool (exited).",
    )
    position = forms.ModelChoiceField(
        label="Graduated into (key position)",
        queryset=KeyPosition.objects.none(),
        required=False,
        help_text="Required for a graduation: they become its incumbent.",
    )

    def __init__(self, *args, positions=None, current=None, **kwargs):
        kwargs.setdefault("initial", {"status": current})
        super().__init__(*args, **kwargs)
        self.current = current
        if positions is not None:
            self.fields["position"].queryset = positions

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status and status == self.current and status != CandidateStatus.GRADUATED:
            self.add_error("status", "That is already their status.")
        return data


class FollowUpDoneForm(SaneInput, forms.Form):
    outcome = forms.CharField(
        label="How did the conversation go?", widget=forms.Textarea(attrs={"rows": 2})
    )


class PositionForm(SaneInput, forms.ModelForm):
    """A key position as HR keeps it; the incumbent is searched among active people."""

    time_zone = forms.ChoiceField(
        label="Time zone", choices=[(z, z) for z in sorted(available_timezones())], initial="UTC"
    )

    class Meta:
        model = KeyPosition
        fields = ["title", "level", "department", "incumbent", "owner", "time_zone", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "incumbent": "Empty while the position is vacant.",
            "owner": "Answers for the seat's succession beside HR and keeps its must-haves.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")
        people = Person.objects.filter(is_active=True).order_by("full_name")
        self.fields["incumbent"].queryset = people
        self.fields["owner"].queryset = people

    def validate_unique(self):
        """The service answers a duplicate title (with the database's own constraint)."""


class RetireForm(SaneInput, forms.Form):
    reason = forms.CharField(
        label="Why it is no longer key",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Its open nominations close with this reason; their history stays.",
    )


class MustHaveForm(SaneInput, forms.ModelForm):
    """A behaviour a successor must have shown, and the evidence that shows it."""

    proofs = forms.MultipleChoiceField(
        label="Met by any of",
        widget=forms.CheckboxSelectMultiple,
        help_text="Attached evidence of one of these kinds, dated within the window, meets it.",
    )
    within_months = forms.IntegerField(
        label="Within the last (months)", min_value=1, max_value=60, initial=12
    )

    class Meta:
        model = MustHave
        fields = ["behaviour", "proofs", "within_months"]
        labels = {"behaviour": "What they must have shown"}
        help_texts = {"behaviour": "e.g. Led a Sev-1 incident as incident lead"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proofs"].choices = proof_choices()

    def validate_unique(self):
        """The service answers a duplicate behaviour (with the database's constraint)."""


class RemoveForm(SaneInput, forms.Form):
    """A button that removes something: nothing to type."""


class CoverForm(SaneInput, forms.ModelForm):
    """Who acts in the seat for its first weeks empty."""

    class Meta:
        model = KeyPosition
        fields = ["acting_cover", "cover_from", "cover_note"]
        labels = {
            "acting_cover": "Acting cover",
            "cover_from": "Can step in from",
            "cover_note": "Note",
        }
        help_texts = {"acting_cover": "Empty: nobody named. Separate from the successors."}
        widgets = {"cover_from": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acting_cover"].queryset = Person.objects.filter(is_active=True).order_by(
            "full_name"
        )

    def validate_unique(self):
        """Nothing unique here; the service validates."""


class FillOutcomeForm(SaneInput, forms.Form):
    at_months = forms.TypedChoiceField(label="Checkpoint", coerce=int)
    outcome = forms.ChoiceField(
        label="How is it going?", choices=FillOutcome.Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What tells you so; seen by their managers in line and HR.",
    )

    def __init__(self, *args, due=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_months"].choices = [(m, f"{m} months in the role") for m in due]
