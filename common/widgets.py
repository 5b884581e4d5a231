from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class DateInput(forms.DateInput):
    """A browser date picker. It only accepts ISO dates, whatever the display locale."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 - Django's argument name
        super().__init__(attrs=attrs, format=format)


def _options_html(choices, selected: set[str]) -> str:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) in selected else "", label)
            for value, label in choices
        ),
    )


class QuickSelect(forms.Select):
    """A <select> rendered in Python: Django renders each option through a template,
    which costs more than the query on a long list of people."""

    allow_multiple_selected = False

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        values = value if isinstance(value, (list, tuple)) else [value]
        selected = {str(v) for v in values if v is not None}
        choices = [(str(v) if v is not None else "", label) for v, label in self.choices]
        multiple = " multiple" if self.allow_multiple_selected else ""
        return format_html(
            '<select name="{}"{}{}>{}</select>',
            name,
            flatatt(attrs),
            mark_safe(multiple),
            _options_html(choices, selected),
        )


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    allow_multiple_selected = True
