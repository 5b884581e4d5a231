"""Query shapes the ORM does not spell directly, portable across SQLite and PostgreSQL."""

from __future__ import annotations

from django.db.models import IntegerField, QuerySet, Subquery


class SubqueryCount(Subquery):
    """A correlated COUNT(*) of a queryset."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def count_subquery(queryset: QuerySet) -> SubqueryCount:
    return SubqueryCount(queryset.order_by().values("pk"))


def union_rows(columns: dict, parts: list[tuple[QuerySet, dict]]) -> QuerySet:
    """Rows of several models in one shape, read in ONE query (UNION ALL) as dicts.

    ``columns`` names every column, in order, with the value a part that lacks it
    reads (typed: PostgreSQL will not guess the type of a NULL in a union); each part
    is a queryset and the columns it fills."""
    shaped = []
    for queryset, values in parts:
        if unknown := set(values) - set(columns):
            raise ValueError(f"Not a column of this union: {', '.join(sorted(unknown))}")
        filled = {name: values.get(name, default) for name, default in columns.items()}
        shaped.append(queryset.annotate(**filled).order_by().values(*columns))
    first, *others = shaped
    return first.union(*others, all=True) if others else first
