from django import forms

from .models import NotificationPreference
from .registry import kind_choices


class PreferenceForm(forms.ModelForm):
    muted_kinds = forms.MultipleChoiceField(
        label="Reminders I do not want",
        choices=kind_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = NotificationPreference
        fields = ["delivery", "muted_kinds"]
        labels = {"delivery": "How reminders reach me by e-mail"}

    def __init__(self, *args, managers: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["muted_kinds"].choices = kind_choices(managers=managers)
