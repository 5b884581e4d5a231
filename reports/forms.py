from django import forms

from common.forms import SaneInput
from succession.models import KeyPosition


class PositionFilterForm(SaneInput, forms.Form):
    """One key position at a time, or all in view; searched when there are many."""

    position = forms.ModelChoiceField(
        label="Key position",
        required=False,
        empty_label="All positions in view",
        queryset=KeyPosition.objects.none(),
    )

    def __init__(self, *args, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = positions
        self.fields["position"].widget.attrs["class"] = "form-select form-select-sm"
