from django import forms

from candidates.models import Competency, Person
from common.forms import SaneInput

from .models import Source
from .sources.csvfile import MAX_BYTES


class CsvUploadForm(SaneInput, forms.Form):
    file = forms.FileField(
        label="Support CSV",
        help_text="One row per item; the columns are listed on this page. Up to 20 MB.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is 20 MB."
            )
        return upload


class AliasForm(SaneInput, forms.Form):
    source = forms.ChoiceField(choices=Source.choices, widget=forms.HiddenInput)
    handle = forms.CharField(max_length=254, widget=forms.HiddenInput)
    email = forms.EmailField(
        label="Who it is: their e-mail in the directory",
        help_text="Never guessed: say who this agent is, or leave them unmatched.",
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        person = Person.objects.filter(email__iexact=email).first()
        if person is None:
            raise forms.ValidationError("Nobody in the directory has that e-mail.")
        self.person = person
        return email


class MappingForm(SaneInput, forms.Form):
    competencies = forms.ModelMultipleChoiceField(
        label="Speaks to",
        queryset=Competency.objects.filter(is_active=True).order_by("order", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
