from django import forms
from django.utils import timezone

from .form_pages import OnceOnly
from .models import (
    Candidate,
    CandidateStatus,
    FlightRisk,
    KeyPosition,
    Person,
    Rating,
    Readiness,
)
from .validators import EARLIEST_DATE, date_within_bounds, latest_date
from .widgets import DateInput, QuickSelect, QuickSelectMultiple

BLANK = [("", "Any")]


# The largest id a database integer key holds: a bigger "id" in a form is junk, refused
# before it reaches a query (where it would overflow and answer 500).
LARGEST_ID = 2**63 - 1


def _id_like(value) -> bool:
    try:
        return 0 < int(str(value)) <= LARGEST_ID
    except ValueError:
        return False


def person_label(person: Person) -> str:
    """How every picker names a person: two Sam Lees are told apart by role and team."""
    return f"{person.full_name} · {person.title}, {person.department.name}"


def candidate_label(candidate: Candidate) -> str:
    return person_label(candidate.person)


class _ChoicesOnce(forms.models.ModelChoiceIterator):
    """Options read once per form: the first pass runs the query and keeps the rows on
    the field's queryset, so a template that asks whether there are any, then renders
    them, costs one query (Django's iterator queries on every pass)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class _RecordChoice:
    """A choice of records that refuses an "id" that is not one before any query, and
    names people (and candidates) by title and department, read in the same query."""

    iterator = _ChoicesOnce

    def _set_queryset(self, queryset):
        if queryset is not None and queryset.model is Person:
            queryset = queryset.select_related("department")
        elif queryset is not None and queryset.model is Candidate:
            queryset = queryset.select_related("person__department")
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        if isinstance(obj, Person):
            return person_label(obj)
        if isinstance(obj, Candidate):
            return candidate_label(obj)
        return super().label_from_instance(obj)


class IdCheckedChoiceField(_RecordChoice, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _id_like(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdCheckedMultipleChoiceField(_RecordChoice, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if not _id_like(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class SaneInput:
    """Mixed into every form of the app. Each date field refuses a date before 2000 or
    more than ten years ahead, with a message (and the date picker shows the same
    bounds); each choice of a record refuses an "id" that is not one, before a query;
    each person picker names people by title and department, and can be searched."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.validators.append(date_within_bounds)
                field.widget.attrs.setdefault("min", EARLIEST_DATE.isoformat())
                field.widget.attrs.setdefault("max", latest_date().isoformat())
            elif type(field) in (forms.ModelChoiceField, forms.ModelMultipleChoiceField):
                multiple = type(field) is forms.ModelMultipleChoiceField
                field.__class__ = IdCheckedMultipleChoiceField if multiple else IdCheckedChoiceField
                if type(field.widget) in (forms.Select, forms.SelectMultiple):
                    field.widget.__class__ = QuickSelectMultiple if multiple else QuickSelect
                field.queryset = field.queryset  # read with the labels' related rows
                if field.queryset is not None and field.queryset.model in (Person, Candidate):
                    field.widget.attrs["data-searchable"] = "people"


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
