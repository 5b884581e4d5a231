import datetime as dt

from django import forms
from django.utils import timezone

from agreements.models import Commitment, Side
from candidates.models import Competency, Department, Level, Person
from common.form_pages import OnceOnly
from common.forms import SaneInput
from common.widgets import DateInput

from .models import (
    Conference,
    ExperienceIdea,
    JobShadowing,
    Rotation,
    StretchAssignment,
    TaskForce,
    Training,
)


class RotationForm(OnceOnly, SaneInput, forms.ModelForm):
    class Meta:
        model = Rotation
        fields = [
            "person",
            "direction",
            "role",
            "host_department",
            "host_sponsor",
            "objectives",
            "project",
            "project_deadline",
            "starts_on",
            "ends_on",
        ]
        labels = {
            "person": "Who rotates",
            "host_department": "Host department",
            "host_sponsor": "Host sponsor",
        }
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "project_deadline": DateInput,
            "objectives": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["host_department"].queryset = Department.objects.order_by("name")
        self.fields["host_sponsor"].queryset = Person.objects.filter(
            is_active=True, level__gte=4
        ).order_by("full_name")

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "A rotation ends after it starts.")
        return data

    def _post_clean(self):
        # The service validates the whole rotation (overlaps included) once the person is known.
        pass


class AssessmentForm(SaneInput, forms.Form):
    objectives_met = forms.TypedChoiceField(
        label="Objectives met?", choices=[("1", "Yes"), ("0", "No")], coerce=lambda v: v == "1"
    )
    delivered_on_time = forms.TypedChoiceField(
        label="Delivered on time?", choices=[("1", "Yes"), ("0", "No")], coerce=lambda v: v == "1"
    )
    assessment_comments = forms.CharField(
        label="Comments", widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(Competency.objects.filter(is_active=True))
        for competency in self.competencies:
            self.fields[f"score_{competency.pk}"] = forms.TypedChoiceField(
                label=f"{competency.name} (1–5)",
                choices=[("", "Not assessed")] + [(str(i), str(i)) for i in range(1, 6)],
                coerce=int,
                empty_value=None,
                required=False,
            )

    def scores(self) -> dict:
        return {c: self.cleaned_data.get(f"score_{c.pk}") for c in self.competencies}


class ReflectionForm(SaneInput, forms.Form):
    reflection = forms.CharField(
        label="What I learned, what I would do differently",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class HostRotationForm(OnceOnly, SaneInput, forms.ModelForm):
    """An inbound rotation the actor hosts: anyone in the directory outside their line
    (an R&D engineer doing support shifts), in the actor's department, sponsored by the
    actor. Their own manager is told and may decline."""

    class Meta:
        model = Rotation
        fields = [
            "person",
            "role",
            "objectives",
            "project",
            "project_deadline",
            "starts_on",
            "ends_on",
        ]
        labels = {"person": "Who comes to rotate"}
        widgets = RotationForm.Meta.widgets

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "A rotation ends after it starts.")
        return data


class StretchForm(OnceOnly, SaneInput, forms.ModelForm):
    class Meta:
        model = StretchAssignment
        fields = ["title", "kind", "description", "safety_net", "starts_on"]
        labels = {"safety_net": "Safety net (who catches them)"}
        widgets = {"starts_on": DateInput, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["safety_net"].queryset = Person.objects.filter(
            is_active=True, level__gte=3
        ).order_by("full_name")
        self.fields["starts_on"].initial = timezone.localdate


class StretchOutcomeForm(SaneInput, forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=StretchAssignment.Outcome.choices)
    lessons_learned = forms.CharField(
        label="What was learned", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    ends_on = forms.DateField(
        label="Ended on",
        widget=DateInput,
        required=False,
        help_text="Left empty with an outcome: today.",
    )


class ConferenceForm(OnceOnly, SaneInput, forms.ModelForm):
    budget = forms.DecimalField(
        label="Budget", min_value=0, max_digits=9, decimal_places=2, initial=0
    )

    class Meta:
        model = Conference
        fields = [
            "name",
            "location",
            "starts_on",
            "ends_on",
            "budget",
            "currency",
            "assignment",
            "trip_report_due_on",
        ]
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "trip_report_due_on": DateInput,
            "assignment": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"trip_report_due_on": "Trip report due"}

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The conference ends after it starts.")
        if (
            data.get("ends_on")
            and data.get("trip_report_due_on")
            and data["trip_report_due_on"] < data["ends_on"]
        ):
            self.add_error(
                "trip_report_due_on", "The trip report is due after the conference ends."
            )
        return data

    def _post_clean(self):
        pass  # the service validates the full row with its candidate


class TripReportForm(SaneInput, forms.Form):
    learned = forms.CharField(label="What I learned", widget=forms.Textarea(attrs={"rows": 4}))
    ideas = forms.CharField(
        label="Ideas that could benefit us", widget=forms.Textarea(attrs={"rows": 4})
    )
    recommendations = forms.CharField(
        label="Recommendations", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ReviewForm(SaneInput, forms.Form):
    comments = forms.CharField(label="Review comments", widget=forms.Textarea(attrs={"rows": 3}))


class TaskForceForm(OnceOnly, SaneInput, forms.Form):
    idea = forms.CharField(
        label="Idea to implement", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class TaskForceStatusForm(SaneInput, forms.Form):
    task_force = forms.ModelChoiceField(label="Task force", queryset=TaskForce.objects.none())
    status = forms.ChoiceField(label="Status", choices=TaskForce.Status.choices)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_force"].queryset = conference.task_forces.all()


class BenchmarkForm(OnceOnly, SaneInput, forms.Form):
    company = forms.CharField(label="Peer company", max_length=160)
    visit_on = forms.DateField(label="Visit date", widget=DateInput)


class BenchmarkUpdateForm(SaneInput, forms.Form):
    questions = forms.CharField(
        label="Questions prepared before the visit",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    findings = forms.CharField(
        label="Findings", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    comparison = forms.CharField(
        label="How we compare", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    presented_on = forms.DateField(
        label="Presented back to the team on", widget=DateInput, required=False
    )


class ShadowingForm(OnceOnly, SaneInput, forms.ModelForm):
    class Meta:
        model = JobShadowing
        fields = ["shadowed", "starts_on", "ends_on", "observe"]
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "observe": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "shadowed": "Whom they shadow",
            "starts_on": "From",
            "ends_on": "Until (leave empty for one day)",
            "observe": "What to observe",
        }
        help_texts = {
            "observe": "For example: how the director runs the weekly escalation meeting.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shadowed"].queryset = Person.objects.filter(
            is_active=True, level__gte=Level.TEAM_LEAD
        ).order_by("full_name")
        self.fields["starts_on"].initial = timezone.localdate


class ShadowingReflectionForm(SaneInput, forms.Form):
    reflection = forms.CharField(
        label="What I saw, and what I will do differently",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )


class TrainingForm(OnceOnly, SaneInput, forms.ModelForm):
    class Meta:
        model = Training
        fields = ["name", "kind", "provider", "starts_on", "ends_on", "commitment"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}
        labels = {"commitment": "Fulfils this agreement commitment"}

    def __init__(self, *args, candidate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = Commitment.objects.filter(
            agreement__candidate=candidate, removed=False, proposal="accepted"
        ).exclude(status="done")
        self.fields["commitment"].required = False

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The training ends after it starts.")
        return data

    def _post_clean(self):
        pass


class TrainingCompleteForm(SaneInput, forms.Form):
    evidence = forms.CharField(
        label="Completion evidence", widget=forms.Textarea(attrs={"rows": 2})
    )


class CancelForm(SaneInput, forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text="Kept in the record and shown on the timeline.",
    )


class ExperienceIdeaForm(SaneInput, forms.ModelForm):
    class Meta:
        model = ExperienceIdea
        fields = ["competency", "kind", "host_department_kind", "description", "is_active"]
        labels = {
            "host_department_kind": "Host department (rotations)",
            "description": "In the agreement's words",
            "is_active": "Offered in plans",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = Competency.objects.filter(is_active=True)


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
