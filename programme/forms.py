from django import forms

from candidates.models import Department, Level, Person
from common.form_pages import OnceOnly
from common.forms import SaneInput
from common.widgets import DateInput

from .models import Application, Intake


class IntakeForm(SaneInput, forms.ModelForm):
    class Meta:
        model = Intake
        fields = [
            "name",
            "opens_on",
            "closes_on",
            "starts_on",
            "places",
            "min_level",
            "max_level",
            "departments",
            "questions",
            "panel",
        ]
        labels = {
            "opens_on": "Applications open on",
            "closes_on": "Applications close on",
            "starts_on": "The cohort starts on",
            "min_level": "Who may apply: from level",
            "max_level": "to level",
            "departments": "From these departments (none ticked: every department)",
            "questions": "Questions (one a line)",
            "panel": "The panel (managers and HR who score and decide)",
        }
        widgets = {
            "opens_on": DateInput,
            "closes_on": DateInput,
            "starts_on": DateInput,
            "departments": forms.CheckboxSelectMultiple,
            "questions": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "questions": "For example: Why do you want to lead in support? Tell us about a "
            "time you led without the title."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.order_by("name")
        self.fields["departments"].required = False
        self.fields["panel"].queryset = Person.objects.filter(
            is_active=True, user__isnull=False, level__gte=Level.MANAGER
        ).order_by("full_name")


class NewIntakeForm(OnceOnly, IntakeForm):
    pass


class ApplicationForm(SaneInput, forms.Form):
    """One answer per question of the intake."""

    def __init__(self, *args, questions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for n, question in enumerate(questions):
            self.fields[f"answer_{n}"] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
            )

    def clean(self):
        data = super().clean()
        names = [name for name in self.fields if name.startswith("answer_")]
        if all(name in data for name in names):
            data["answers"] = [data.pop(name) for name in names]
        return data


class NewApplicationForm(OnceOnly, ApplicationForm):
    pass


class EndorseForm(SaneInput, forms.Form):
    endorsed = forms.TypedChoiceField(
        label="Your word",
        choices=[("yes", "I endorse this application"), ("no", "I do not endorse it")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note for the panel", widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )


class ScoreForm(SaneInput, forms.Form):
    score = forms.TypedChoiceField(
        label="Your score",
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Your note (the panel reads it)",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=3000,
        required=False,
    )


class DecideForm(SaneInput, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[
            (Application.Decision.ACCEPTED, "Accept"),
            (Application.Decision.DECLINED, "Decline"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="What the applicant reads (required to decline)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
    )


class CohortForm(SaneInput, forms.Form):
    name = forms.CharField(label="The cohort's name", max_length=160)
