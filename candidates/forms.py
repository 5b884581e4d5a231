from django import forms
from django.utils import timezone

from common.forms import OnceOnly, SaneInput
from common.widgets import DateInput

from .models import (
    CandidateStatus,
    FlightRisk,
    KeyPosition,
    Person,
    Rating,
    Readiness,
)

BLANK = [("", "Any")]


class NominateCandidateForm(OnceOnly, SaneInput, forms.Form):
    person = forms.ModelChoiceField(label="Person", queryset=Person.objects.none())
    reason = forms.CharField(
        label="Why this person", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    aspirations = forms.CharField(
        label="Aspirations", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    motivators = forms.CharField(
        label="What motivates them", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    performance = forms.TypedChoiceField(label="Performance", choices=Rating.choices, coerce=int)
    potential = forms.TypedChoiceField(label="Potential", choices=Rating.choices, coerce=int)
    flight_risk = forms.ChoiceField(label="Flight risk", choices=FlightRisk.choices)
    flight_risk_reason = forms.CharField(
        label="Flight-risk reason", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people

    def clean(self):
        data = super().clean()
        if data.get("flight_risk") in ("medium", "high") and not data.get("flight_risk_reason"):
            self.add_error(
                "flight_risk_reason", "Say why: a flight risk without a reason can't be acted on."
            )
        return data


class RateForm(OnceOnly, SaneInput, forms.Form):
    performance = forms.TypedChoiceField(label="Performance", choices=Rating.choices, coerce=int)
    potential = forms.TypedChoiceField(label="Potential", choices=Rating.choices, coerce=int)
    flight_risk = forms.ChoiceField(label="Flight risk", choices=FlightRisk.choices)
    flight_risk_reason = forms.CharField(
        label="Flight-risk reason", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    reason = forms.CharField(
        label="Reason for this rating", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def clean(self):
        data = super().clean()
        if data.get("flight_risk") in ("medium", "high") and not data.get("flight_risk_reason"):
            self.add_error(
                "flight_risk_reason", "Say why: a flight risk without a reason can't be acted on."
            )
        return data


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
            self.fields["position"].label_from_instance = lambda p: (
                f"{p.title} · {p.get_level_display()} · {p.department.name}"
            )


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


class CompetencyRatingForm(OnceOnly, SaneInput, forms.Form):
    """One 1–5 score per competency of the model (leave out what you have not seen)."""

    rated_on = forms.DateField(label="Seen on", widget=DateInput, initial=timezone.localdate)
    note = forms.CharField(
        label="Note (what you saw)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, competencies, latest: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        for competency in self.competencies:
            field = forms.TypedChoiceField(
                label=competency.name,
                choices=[("", "Not rated now")] + [(n, f"{n}") for n in range(1, 6)],
                coerce=int,
                empty_value=None,
                required=False,
                help_text=(f"Last: {latest[competency.pk]}/5. " if competency.pk in latest else "")
                + competency.description,
            )
            self.fields[f"competency_{competency.pk}"] = field

    def clean(self):
        data = super().clean()
        data["scores"] = {
            c.pk: data[f"competency_{c.pk}"]
            for c in self.competencies
            if data.get(f"competency_{c.pk}") is not None
        }
        if not data["scores"] and not self.errors:
            raise forms.ValidationError("Score at least one competency.")
        return data
