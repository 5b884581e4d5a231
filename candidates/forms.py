from django import forms

from .models import (
    CandidateStatus,
    FlightRisk,
    KeyPosition,
    Person,
    Rating,
    Readiness,
)

BLANK = [("", "Any")]


class NominateCandidateForm(forms.Form):
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


class RateForm(forms.Form):
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


class SuccessorNominationForm(forms.Form):
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


class SuccessorForPositionForm(forms.Form):
    candidate = forms.ModelChoiceField(label="Candidate", queryset=Person.objects.none())
    readiness = forms.ChoiceField(label="Readiness", choices=Readiness.choices)
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["candidate"].queryset = candidates
            self.fields["candidate"].label_from_instance = lambda c: (
                f"{c.person.full_name} · {c.person.title}"
            )


class ReadinessForm(forms.Form):
    readiness = forms.ChoiceField(label="Readiness", choices=Readiness.choices)
    note = forms.CharField(label="Why it changed", widget=forms.Textarea(attrs={"rows": 2}))


class StatusForm(forms.Form):
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


class FollowUpDoneForm(forms.Form):
    outcome = forms.CharField(
        label="How did the conversation go?", widget=forms.Textarea(attrs={"rows": 2})
    )
