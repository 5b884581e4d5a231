from django import forms


class DateInput(forms.DateInput):
    """A browser date picker. It only accepts ISO dates, whatever the display locale."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 - Django's argument name
        super().__init__(attrs=attrs, format=format)
