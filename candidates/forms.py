from django import forms
from django.utils import timezone

from common.forms import OnceOnly, SaneInput
from common.widgets import DateInput

from .models import (
    FlightRisk,
    Person,
    Rating,
    Relocation,
    Travel,
)

BLANK = [("", "Any")]


class NominateCandidateForm(OnceOnly, SaneInput, forms.Form):
    person = forms.ModelChoiceField(label="Person", queryset=Person.objects.none())
    reason = forms.CharField(
        label="Why this person", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    motivators = forms.CharField(
        label="What you see motivates them",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Your view. Their aspirations are theirs to write, on their own plan.",
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


class OwnWordsForm(SaneInput, forms.Form):
    """The candidate's own words, and one score per active competency (blank: no view)."""

    roles_wanted = forms.CharField(
        label="Roles I want to grow into",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text="For example: support manager for EMEA, then director of support.",
    )
    wanted_by = forms.DateField(label="By when", widget=DateInput, required=False)
    relocation = forms.ChoiceField(
        label="Would I move for a role?",
        choices=[("", "I'd rather not say")] + list(Relocation.choices),
        required=False,
    )
    time_zones = forms.CharField(
        label="Time zones I can work in",
        max_length=200,
        required=False,
        help_text="For example: Europe/Berlin to America/New_York.",
    )
    travel = forms.ChoiceField(
        label="Travel",
        choices=[("", "I'd rather not say")] + list(Travel.choices),
        required=False,
    )
    motivation = forms.CharField(
        label="What motivates me",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        for competency in self.competencies:
            self.fields[f"score_{competency.pk}"] = forms.TypedChoiceField(
                label=competency.name,
                choices=[("", "No view yet")] + [(n, str(n)) for n in range(1, 6)],
                coerce=int,
                empty_value=None,
                required=False,
                help_text=competency.description,
            )

    def score_fields(self):
        return [self[f"score_{c.pk}"] for c in self.competencies]

    def words_fields(self):
        return [self[name] for name in self.fields if not name.startswith("score_")]

    def clean(self):
        data = super().clean()
        data["scores"] = {c.pk: data.pop(f"score_{c.pk}", None) for c in self.competencies}
        return data
