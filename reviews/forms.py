from django import forms

from agreements.models import Commitment, Side
from candidates.models import NINE_BOX_LABELS, Candidate, CandidateStatus, FlightRisk, Person
from common.form_pages import OnceOnly
from common.forms import SaneInput
from common.widgets import DateInput
from succession.models import KeyPosition, Readiness

from .models import ReviewAction, TalentReview

REASON = forms.CharField(
    label="Reason",
    max_length=2000,
    widget=forms.Textarea(attrs={"rows": 2}),
    help_text="Said in the room; kept in the rating history.",
    error_messages={"required": "Give the reason: a change without one can't be defended."},
)


def cell_choices():
    return [
        (f"{p}-{q}", f"{NINE_BOX_LABELS[(p, q)]} (performance {p}, potential {q})")
        for q in (3, 2, 1)
        for p in (1, 2, 3)
    ]


class ReviewForm(OnceOnly, SaneInput, forms.Form):
    name = forms.CharField(max_length=120, initial="Talent review")
    held_on = forms.DateField(label="Date", widget=DateInput)
    scope = forms.ChoiceField(choices=TalentReview.Scope.choices, widget=forms.RadioSelect)
    scope_head = forms.ModelChoiceField(
        label="Everyone under", queryset=Person.objects.none(), required=False
    )
    scope_positions = forms.ModelMultipleChoiceField(
        label="Key positions", queryset=KeyPosition.objects.none(), required=False
    )
    facilitator = forms.ModelChoiceField(queryset=Person.objects.none())
    participants = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(), required=False, help_text="Managers who calibrate."
    )
    top_box_guideline = forms.IntegerField(
        label="Top-box guideline (%)", min_value=1, max_value=100, initial=15
    )

    def __init__(self, *args, heads, positions, facilitators, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope_head"].queryset = heads
        self.fields["scope_positions"].queryset = positions
        self.fields["facilitator"].queryset = facilitators
        self.fields["participants"].queryset = participants


class ReviewEditForm(SaneInput, forms.Form):
    name = forms.CharField(max_length=120)
    held_on = forms.DateField(label="Date", widget=DateInput)
    participants = forms.ModelMultipleChoiceField(queryset=Person.objects.none(), required=False)
    top_box_guideline = forms.IntegerField(
        label="Top-box guideline (%)", min_value=1, max_value=100
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = participants


class AgendaAddForm(SaneInput, forms.Form):
    candidate = forms.ModelChoiceField(queryset=Candidate.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates


class MoveForm(SaneInput, forms.Form):
    cell = forms.ChoiceField(label="Move to", choices=cell_choices)
    reason = REASON
    seen_rating = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**62)

    def clean(self):
        data = super().clean()
        if data.get("cell"):
            performance, potential = data.pop("cell").split("-")
            data["performance"], data["potential"] = int(performance), int(potential)
        return data


class FlightRiskForm(SaneInput, forms.Form):
    flight_risk = forms.ChoiceField(choices=FlightRisk.choices)
    reason = REASON
    seen_rating = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**62)


class ReadinessMoveForm(SaneInput, forms.Form):
    readiness = forms.ChoiceField(choices=Readiness.choices)
    reason = REASON
    seen_readiness = forms.ChoiceField(choices=Readiness.choices, widget=forms.HiddenInput)
    decide = forms.BooleanField(
        label="“Ready now” without every must-have: decide it (the reason is kept, shown as a "
        "human decision)",
        required=False,
    )


class NoteForm(SaneInput, forms.Form):
    note = forms.CharField(
        label="Decision note",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActionForm(OnceOnly, SaneInput, forms.Form):
    kind = forms.ChoiceField(label="Decision", choices=ReviewAction.Kind.choices)
    description = forms.CharField(
        label="What", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    side = forms.ChoiceField(
        label="Who commits (development action)",
        choices=[("", "—")] + Side.choices,
        required=False,
    )
    category = forms.ChoiceField(
        label="Kind of development", choices=Commitment.Category.choices, required=False
    )
    due_on = forms.DateField(label="Due", widget=DateInput, required=False)
    position = forms.ModelChoiceField(
        label="Key position (nomination, graduation)",
        queryset=KeyPosition.objects.none(),
        required=False,
    )
    readiness = forms.ChoiceField(
        label="Readiness (nomination)", choices=[("", "—")] + Readiness.choices, required=False
    )
    status = forms.ChoiceField(
        label="New status", choices=[("", "—")] + CandidateStatus.choices, required=False
    )

    def __init__(self, *args, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = positions
