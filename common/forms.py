"""What every form of the app mixes in: dates a person would mean, record choices that
refuse junk before a query, pickers that name records the way their model asks.

A model says how a picker names its rows with three optional members, so that this
module needs to know none of them:

- ``picker_label()``: the option's text (``str(obj)`` otherwise);
- ``PICKER_RELATED``: the relations that text reads, fetched in the same query;
- ``PICKER_SEARCH``: the search the picker offers (``data-searchable``), if any.
"""

from __future__ import annotations

from django import forms

from .dates import EARLIEST_DATE, date_within_bounds, latest_date
from .form_pages import OnceOnly
from .widgets import QuickSelect, QuickSelectMultiple

__all__ = ["IdCheckedChoiceField", "IdCheckedMultipleChoiceField", "OnceOnly", "SaneInput"]

# The largest id a database integer key holds: a bigger "id" in a form is junk, refused
# before it reaches a query (where it would overflow and answer 500).
LARGEST_ID = 2**63 - 1


def _id_like(value) -> bool:
    try:
        return 0 < int(str(value)) <= LARGEST_ID
    except ValueError:
        return False


class _ChoicesOnce(forms.models.ModelChoiceIterator):
    """Options read once per form: the first pass runs the query and keeps the rows on
    the field's queryset, so a template that asks whether there are any, then renders
    them, costs one query (Django's iterator queries on every pass)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class _RecordChoice:
    """A choice of records that refuses an "id" that is not one before any query, and
    names each record as its model asks (``picker_label``), read in the same query."""

    iterator = _ChoicesOnce

    def _set_queryset(self, queryset):
        related = getattr(queryset.model, "PICKER_RELATED", ()) if queryset is not None else ()
        if related:
            queryset = queryset.select_related(*related)
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        label = getattr(obj, "picker_label", None)
        return label() if callable(label) else super().label_from_instance(obj)


class IdCheckedChoiceField(_RecordChoice, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _id_like(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdCheckedMultipleChoiceField(_RecordChoice, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if not _id_like(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class SaneInput:
    """Mixed into every form of the app. Each date field refuses a date before 2000 or
    more than ten years ahead, with a message (and the date picker shows the same
    bounds); each choice of a record refuses an "id" that is not one, before a query,
    and names its records as their model asks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.validators.append(date_within_bounds)
                field.widget.attrs.setdefault("min", EARLIEST_DATE.isoformat())
                field.widget.attrs.setdefault("max", latest_date().isoformat())
            elif type(field) in (forms.ModelChoiceField, forms.ModelMultipleChoiceField):
                multiple = type(field) is forms.ModelMultipleChoiceField
                field.__class__ = IdCheckedMultipleChoiceField if multiple else IdCheckedChoiceField
                if type(field.widget) in (forms.Select, forms.SelectMultiple):
                    field.widget.__class__ = QuickSelectMultiple if multiple else QuickSelect
                field.queryset = field.queryset  # read with the labels' related rows
                search = getattr(field.queryset, "model", None)
                search = getattr(search, "PICKER_SEARCH", "")
                if search:
                    field.widget.attrs["data-searchable"] = search
