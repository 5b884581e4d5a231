"""Query shapes the ORM does not spell directly, portable across SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.db.models import ExpressionWrapper, IntegerField, QuerySet, Subquery


class OncePerGroup(ExpressionWrapper):
    """An expression of a grouped row's own columns (correlated subqueries on them) that
    GROUP BY need not carry: those columns are grouped already (the primary key, or the
    subqueries' outer columns), so the database evaluates it once per group instead of
    once per joined row (Django groups a ``Coalesce`` or a ``Q`` over subqueries whole)."""

    def get_group_by_cols(self):
        return []


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


# --- A union compiled once -------------------------------------------------------------
#
# Building and compiling a UNION ALL of several models costs the ORM more than running it
# (5–8 ms of Python for 1–2 ms of SQL on a profile). Its SQL only depends on its shape, so
# it is compiled once per process and shape with stand-in values, then run with each
# call's own: the stand-ins are found among the compiled parameters and replaced.

_COMPILED: dict[tuple, tuple] = {}


class _StandIn(int):
    """An id no row has, recognisable among a query's parameters."""


def _stand_in(index: int) -> _StandIn:
    return _StandIn(-(2**40) - index)


def union_rows_compiled(
    name: str, columns: dict, build: Callable[..., list], **values: int | list[int]
) -> list[dict]:
    """``union_rows(columns, build(**values))`` as dicts, compiled once per ``name`` and
    shape (the length of each list of ids). ``values`` are ids, or lists of ids; ``build``
    must use them only as values to compare with, never to read a row."""
    return _run_compiled(
        ("union", name), lambda **fake: union_rows(columns, build(**fake)), values, columns
    )


def values_compiled(
    name: str, build: Callable[..., QuerySet], **values: int | list[int]
) -> list[dict]:
    """``build(**values)`` (a ``.values()`` queryset) as dicts, compiled once per
    ``name`` and shape, as ``union_rows_compiled``: for a query every page runs."""
    return _run_compiled(("values", name), build, values, None)


def _run_compiled(name: tuple, build: Callable, values: dict, columns: dict | None) -> list:
    shape = tuple(sorted((key, len(v)) for key, v in values.items() if isinstance(v, list)))
    key = (name, connection.vendor, shape)
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _compile(build, values, columns)
        _COMPILED[key] = compiled
    sql, template, converters, compiler, names = compiled
    params = [
        (values[slot[0]] if slot[1] is None else values[slot[0]][slot[1]]) if slot else constant
        for slot, constant in template
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters:
        rows = compiler.apply_converters(rows, converters)
    return [dict(zip(names, row, strict=True)) for row in rows]


def _compile(build: Callable, values: dict, columns: dict | None) -> tuple:
    stand_ins: dict[int, tuple[str, int | None]] = {}
    fake: dict = {}
    index = 0
    for key, value in values.items():
        if isinstance(value, list):
            fake[key] = []
            for position in range(len(value)):
                stand_in = _stand_in(index)
                stand_ins[int(stand_in)] = (key, position)
                fake[key].append(stand_in)
                index += 1
        else:
            stand_in = _stand_in(index)
            stand_ins[int(stand_in)] = (key, None)
            fake[key] = stand_in
            index += 1
    queryset = build(**fake)
    compiler = queryset.query.get_compiler(queryset.db)
    sql, params = compiler.as_sql()
    template = [
        (
            stand_ins.get(param)
            if isinstance(param, int) and not isinstance(param, bool)
            else None,
            param,
        )
        for param in params
    ]
    found = {slot for slot, _ in template if slot}
    if len(found) != len(stand_ins):
        raise ValueError("A value was not passed as a parameter: compile the query as is.")
    fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
    converters = compiler.get_converters(fields)
    query = queryset.query
    if columns is not None:  # a union: its columns are the first part's annotations
        names = list(query.annotation_select) or list(columns)
    else:
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
    return sql, template, converters, compiler, names
