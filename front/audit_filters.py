"""HR's audit page filters (django-filter): by viewer, by person viewed, by what and by
date, all in the query string so a filtered view can be bookmarked or exported."""

import django_filters
from django import forms

from audit.models import AuditEvent


class AuditFilter(django_filters.FilterSet):
    viewer = django_filters.CharFilter(
        label="Viewer", field_name="viewer_name", lookup_expr="icontains", max_length=100
    )
    person = django_filters.CharFilter(
        label="Person viewed", field_name="subject_name", lookup_expr="icontains", max_length=100
    )
    person_id = django_filters.NumberFilter(
        field_name="subject_person_id", widget=forms.HiddenInput
    )
    what = django_filters.ChoiceFilter(
        label="What", choices=AuditEvent.What.choices, empty_label="Anything"
    )
    since = django_filters.DateFilter(
        label="From",
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label="To",
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields = ["viewer", "person", "person_id", "what", "since", "until"]

    def get_form_class(self):
        base = super().get_form_class()

        class AuditFilterForm(base):
            def clean(self):
                data = super().clean()
                since, until = data.get("since"), data.get("until")
                if since and until and since > until:
                    self.add_error("until", "The end date is before the start date.")
                return data

        return AuditFilterForm
