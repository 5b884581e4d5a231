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


def record_label(field, row) -> str:
    """How a picker names a record: as its model asks (``picker_label``), else as the
    field does."""
    label = getattr(row, "picker_label", None)
    return label() if callable(label) else field.label_from_instance(row)


class QuickSelect(forms.Select):
    """A <select> rendered in Python (Django renders each option through a template,
    which costs more than the query on a long list), and searched when long: a choice
    of records lists at most ``LISTED`` of them; past that it shows the first
    ``SHOWN_SEARCHED`` and the ones chosen, marked ``data-search`` so that
    static/js/picker.js turns it into a type-ahead asking the page itself
    (``?pick=<field>&q=…``, answered by ``common.pickers.picker_answer``) from the same
    access-checked queryset. One query either way, as a plain list costs."""

    allow_multiple_selected = False
    LISTED = 50
    SHOWN_SEARCHED = 20

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        values = value if isinstance(value, (list, tuple)) else [value]
        selected = {str(v) for v in values if v not in (None, "")}
        choices, searched = self._choices_listed(selected)
        if searched:
            attrs["data-search"] = name
        multiple = " multiple" if self.allow_multiple_selected else ""
        return format_html(
            '<select name="{}"{}{}>{}</select>',
            name,
            flatatt(attrs),
            mark_safe(multiple),
            _options_html(choices, selected),
        )

    def _choices_listed(self, selected: set[str]) -> tuple[list[tuple[str, str]], bool]:
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        if queryset is None:  # plain choices
            return [(str(v) if v is not None else "", label) for v, label in iterator], False
        cached = queryset._result_cache  # read already by the page
        related = getattr(queryset.model, "PICKER_RELATED", ())
        if related and cached is None and not queryset.query.is_sliced:
            queryset = queryset.select_related(*related)  # what the labels read
        rows = list(
            cached[: self.LISTED + 1] if cached is not None else queryset[: self.LISTED + 1]
        )
        searched = len(rows) > self.LISTED
        if searched:
            rows = rows[: self.SHOWN_SEARCHED]
            missing = selected - {str(row.pk) for row in rows}
            if missing and not queryset.query.is_sliced:
                rows += list(queryset.filter(pk__in=[pk for pk in missing if pk.isdigit()]))
        choices = []
        if iterator.field.empty_label is not None:
            choices.append(("", iterator.field.empty_label))
        for row in rows:
            choices.append(
                (str(iterator.field.prepare_value(row)), record_label(iterator.field, row))
            )
        return choices, searched


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    allow_multiple_selected = True
