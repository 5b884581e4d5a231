from django import forms
from django.utils import timezone

from candidates.models import Level, Person
from common.form_pages import OnceOnly
from common.forms import SaneInput
from common.widgets import DateInput

from .models import Commitment, Side


class AgreementForm(OnceOnly, SaneInput, forms.Form):
    sponsor = forms.ModelChoiceField(
        label="Executive sponsor",
        queryset=Person.objects.filter(is_active=True, level__gte=Level.SENIOR_MANAGER).order_by(
            "full_name"
        ),
    )
    title = forms.CharField(label="Title", max_length=200, initial="Leadership agreement")
    effective_on = forms.DateField(
        label="Effective from", widget=DateInput, initial=timezone.localdate
    )
    review_on = forms.DateField(label="Revisit together on", widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if (
            data.get("effective_on")
            and data.get("review_on")
            and data["review_on"] < data["effective_on"]
        ):
            self.add_error("review_on", "The review comes after the agreement takes effect.")
        return data


class CommitmentTermsForm(SaneInput, forms.Form):
    # A <select> always sends its first choice: the fields start on it, so that the blank
    # extra row of a formset, sent as shown, is "unchanged" and skipped, not "required".
    side = forms.ChoiceField(label="Side", choices=Side.choices, initial=Side.choices[0][0])
    category = forms.ChoiceField(
        label="Kind",
        choices=Commitment.Category.choices,
        initial=Commitment.Category.choices[0][0],
    )
    description = forms.CharField(
        label="Commitment", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    due_on = forms.DateField(label="Due", widget=DateInput, required=False)


class CommitmentForm(OnceOnly, CommitmentTermsForm):
    """One commitment added (or proposed) on its own page, once per form."""


CommitmentFormSet = forms.formset_factory(CommitmentTermsForm, extra=1, can_delete=True, max_num=30)


class ProgressForm(SaneInput, forms.Form):
    status = forms.ChoiceField(label="Status", choices=Commitment.Status.choices)
    progress_percent = forms.IntegerField(label="Progress (%)", min_value=0, max_value=100)
    evidence = forms.CharField(
        label="Progress notes and evidence",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    dropped_reason = forms.CharField(label="Why dropped", required=False, max_length=1000)
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == Commitment.Status.DROPPED
            and not (data.get("dropped_reason") or "").strip()
        ):
            self.add_error("dropped_reason", "Say why the commitment is dropped.")
        return data


class TermsForm(SaneInput, forms.Form):
    category = forms.ChoiceField(label="Kind", choices=Commitment.Category.choices)
    description = forms.CharField(
        label="Commitment", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    due_on = forms.DateField(label="Due", widget=DateInput, required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput)


class DecideForm(SaneInput, forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=[("accept", "Accept"), ("decline", "Decline")]
    )
    reason = forms.CharField(label="Reason (for a decline)", required=False, max_length=1000)
