"""The answer to a searched picker (``common.widgets.QuickSelect`` past its list): the
records of the form field's own queryset, which the page built from what its actor may
see, matching every word of the search. A model says which fields are searched with
``PICKER_SEARCH_FIELDS`` and names its rows with ``picker_label()``."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404, JsonResponse

from .widgets import record_label

PICKED = 20


def picker_matches(queryset: QuerySet, term: str) -> QuerySet:
    """Rows of ``queryset`` holding every word of ``term`` in one of their searched
    fields (none without a word: a picker is searched, not listed)."""
    fields = getattr(queryset.model, "PICKER_SEARCH_FIELDS", ())
    words = term.split()
    if not words or not fields:
        return queryset.none()
    condition = Q()
    for word in words:
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__icontains": word})
        condition &= either
    return queryset.filter(condition)


def picker_answer(request, form) -> JsonResponse | None:
    """For ``?pick=<field>&q=<words>``: the field's matching records as JSON (at most
    ``PICKED``, and whether there are more); None for any other request. ``form`` may be
    a function making the form, so a page that only reads a picker's form builds it for
    the picker's request alone."""
    name = request.GET.get("pick")
    if not name:
        return None
    if callable(form):
        form = form()
    field = form.fields.get(name) if form is not None else None
    queryset = getattr(field, "queryset", None)
    if queryset is None:
        raise Http404("No such picker.")
    matches = picker_matches(queryset, request.GET.get("q", "")[:100])
    related = getattr(queryset.model, "PICKER_RELATED", ())
    if related and not matches.query.is_sliced:
        matches = matches.select_related(*related)
    rows = list(matches[: PICKED + 1])
    return JsonResponse(
        {
            "results": [
                {"id": str(field.prepare_value(row)), "label": record_label(field, row)}
                for row in rows[:PICKED]
            ],
            "more": len(rows) > PICKED,
        }
    )
