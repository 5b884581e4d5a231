"""The talent pool's filters and sorting (django-filter), shared by the pool, its CSV
export and the 9-box. The state lives in the query string; a value that does not
validate drops that filter only, and the page says which."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from candidates.models import CandidateStatus, FlightRisk, Level, Rating
from common.widgets import QuickSelect
from mentorship.models import MentorPairing
from mentorship.selectors import checkin_overdue_q
from succession.models import KeyPosition, Readiness, SuccessorNomination

ALL_STATUSES = "all"

# Each sort key and the columns it orders by (the first one takes the direction).
SORTS = {
    "name": ("person__full_name",),
    "department": ("person__department__name", "person__full_name"),
    "level": ("person__level", "person__full_name"),
    "performance": ("performance", "potential", "person__full_name"),
    "potential": ("potential", "performance", "person__full_name"),
    "flight_risk": ("flight_risk_rank", "person__full_name"),
    "last_checkin": ("last_met_on", "person__full_name"),
    "progress": ("commitments_done", "person__full_name"),
    "rotations": ("rotations_done", "person__full_name"),
}


class PoolOrdering(django_filters.OrderingFilter):
    """``?sort=department`` or ``?sort=-department``: one key, several columns."""

    def __init__(self, *args, **kwargs):
        kwargs["fields"] = {key: key for key in SORTS}
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        ordering = []
        for key in value or ():
            descending = key.startswith("-")
            columns = SORTS[key.lstrip("-")]
            ordering.append(f"-{columns[0]}" if descending else columns[0])
            ordering.extend(columns[1:])
        return qs.order_by(*ordering, "pk") if ordering else qs


def _active_pairing():
    return MentorPairing.objects.filter(
        candidate=OuterRef("pk"), status=MentorPairing.Status.ACTIVE
    )


class PoolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search name or title", method="search", max_length=100)
    department = django_filters.ChoiceFilter(
        label="Department", field_name="person__department_id", empty_label="Any"
    )
    level = django_filters.ChoiceFilter(
        label="Level",
        field_name="person__level",
        choices=Level.choices,
        empty_label="Any",
    )
    # Active candidates unless the actor asks for others (or for all).
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[(ALL_STATUSES, "Any status"), *CandidateStatus.choices],
        empty_label="Active (default)",
        method="by_status",
    )
    readiness = django_filters.ChoiceFilter(
        label="Readiness", choices=Readiness.choices, empty_label="Any", method="nominated"
    )
    # Thousands of key positions at HR's scope: a searched picker (common.widgets).
    position = django_filters.ModelChoiceFilter(
        label="Target position",
        empty_label="Any",
        method="nominated",
        queryset=KeyPosition.objects.none(),
        widget=QuickSelect,
    )
    flight_risk = django_filters.ChoiceFilter(
        label="Flight risk", choices=FlightRisk.choices, empty_label="Any"
    )
    has_mentor = django_filters.ChoiceFilter(
        label="Mentor",
        choices=[("yes", "Has a mentor"), ("no", "No mentor")],
        empty_label="Any",
        method="mentored",
    )
    overdue = django_filters.BooleanFilter(
        label="Check-in overdue", method="checkin_overdue", widget=forms.CheckboxInput
    )
    performance = django_filters.ChoiceFilter(choices=Rating.choices, widget=forms.HiddenInput)
    potential = django_filters.ChoiceFilter(choices=Rating.choices, widget=forms.HiddenInput)
    sort = PoolOrdering(widget=forms.HiddenInput)

    def __init__(self, data=None, *args, departments=(), positions=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        # A plain (id, name) list: one query, whatever the template does with it.
        self.filters["department"].extra["choices"] = list(departments)
        if positions is not None:
            self.filters["position"].queryset = positions

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status=CandidateStatus.ACTIVE)
        return super().filter_queryset(queryset)

    def by_status(self, queryset, name, value):
        return queryset if value == ALL_STATUSES else queryset.filter(status=value)

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(person__full_name__icontains=word) | Q(person__title__icontains=word)
            )
        return queryset

    def nominated(self, queryset, name, value):
        """Readiness and target position apply to the same nomination, so both are
        handled once, by whichever of the two comes first."""
        data = self.form.cleaned_data
        if name == "position" and data.get("readiness"):
            return queryset  # done with the readiness
        nominations = SuccessorNomination.objects.filter(candidate=OuterRef("pk"), is_active=True)
        if data.get("readiness"):
            nominations = nominations.filter(readiness=data["readiness"])
        if data.get("position"):
            nominations = nominations.filter(position=data["position"])
        return queryset.filter(Exists(nominations))

    def mentored(self, queryset, name, value):
        has_one = Exists(_active_pairing())
        return queryset.filter(has_one if value == "yes" else ~has_one)

    def checkin_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(_active_pairing().filter(checkin_overdue_q(timezone.localdate())))
        )

    @property
    def ignored(self) -> list[str]:
        """The filters dropped because their value did not validate, for the page."""
        if not self.is_bound or self.form.is_valid():
            return []
        return [
            f"{self.form.fields[name].label or name}: {' '.join(errors)}"
            for name, errors in self.form.errors.items()
        ]

    @property
    def sort_key(self) -> tuple[str, bool]:
        """The sort in use (key, descending), for the column headers."""
        value = (self.form.cleaned_data.get("sort") or ["name"]) if self.is_bound else ["name"]
        key = value[0] if value else "name"
        return key.lstrip("-"), key.startswith("-")
