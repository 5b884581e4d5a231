from django import forms

from candidates.models import Person
from common.form_pages import OnceOnly
from common.forms import SaneInput
from development.models import BenchmarkVisit, Rotation, TaskForce

from .models import Insight, ProductArea


class InsightForm(SaneInput, forms.ModelForm):
    class Meta:
        model = Insight
        fields = list(Insight.FIELDS)
        labels = {
            "area": "Product area",
            "title": "In one line",
            "source": "Where you saw it",
            "rotation": "Which rotation",
            "task_force": "Which task force",
            "benchmark": "Which benchmark visit",
            "observed": "What you saw",
            "frequency": "How often",
            "workaround": "The workaround people use today",
            "suggestion": "The change you suggest",
            "tickets": "Tickets that show it",
        }
        help_texts = {
            "tickets": "Links or ticket numbers, one per line.",
            "observed": "What customers or colleagues ran into, in their words where you can.",
        }
        widgets = {
            "observed": forms.Textarea(attrs={"rows": 4}),
            "workaround": forms.Textarea(attrs={"rows": 2}),
            "suggestion": forms.Textarea(attrs={"rows": 2}),
            "tickets": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = ProductArea.objects.filter(is_active=True).order_by("name")
        self.fields["rotation"].queryset = Rotation.objects.filter(person=person).select_related(
            "host_department"
        )
        self.fields["task_force"].queryset = TaskForce.objects.filter(owner__person=person)
        self.fields["benchmark"].queryset = BenchmarkVisit.objects.filter(candidate__person=person)
        for name in ("rotation", "task_force", "benchmark"):
            if not self.fields[name].queryset.exists():
                del self.fields[name]


class NewInsightForm(OnceOnly, InsightForm):
    pass


class AnswerForm(SaneInput, forms.Form):
    status = forms.ChoiceField(
        label="Answer",
        choices=[(v, label) for v, label in Insight.Status.choices if v != Insight.Status.NEW],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label="What happens now (a reason is required to decline)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
    )


class AreaForm(SaneInput, forms.ModelForm):
    class Meta:
        model = ProductArea
        fields = ["name", "owner", "is_active"]
        labels = {"owner": "Who answers its insights", "is_active": "Open for new insights"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(is_active=True).order_by("full_name")


class NewAreaForm(OnceOnly, AreaForm):
    pass
