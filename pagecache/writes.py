"""When the tables behind the pages were last written.

django-cachalot stamps a table when a transaction that wrote it through the ORM commits.
Two gaps are closed here, by a wrapper on every connection's statements:

- An ORM write made outside a transaction (autocommit: a plain ``save()``, a
  ``QuerySet.update()``) it stamps *before* the statement runs, so a page made in
  between, from the rows as they were, would be kept under the new stamp: the table is
  stamped again once the statement has run.
- Raw SQL: cachalot's own watch lowercases every statement and searches it for six
  keywords (about 2.8 ms for a 10 KB query: 10 to 20 ms on a page of large unions), so it
  is off (``CACHALOT_INVALIDATE_RAW``); a statement that *starts* with INSERT INTO,
  UPDATE or DELETE FROM names its table here instead, a check that fails at the first
  letter of a SELECT. Inside a transaction the stamp waits for the commit (cachalot's
  cache of the transaction), as for the ORM's writes."""

from __future__ import annotations

import functools
import re

from cachalot.api import invalidate
from django.apps import apps
from django.conf import settings

WRITE = re.compile(
    r'\s*(?:(?:INSERT(?:\s+OR\s+\w+)?|REPLACE)\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?',
    re.IGNORECASE,
)


@functools.cache
def watched_tables() -> frozenset[str]:
    """Every table a page could show: all models' tables but the apps whose writes
    change no page (``CACHALOT_UNCACHABLE_APPS``: sessions, the audit, login attempts)."""
    ignored = set(settings.CACHALOT_UNCACHABLE_APPS)
    return frozenset(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in ignored
    )


def _stamp_after_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    found = WRITE.match(sql) if isinstance(sql, str) else None
    if found and found.group(1) in watched_tables():
        invalidate(found.group(1), cache_alias="default", db_alias=context["connection"].alias)
    return result


def watch_writes(sender, connection, **kwargs):
    """Every new database connection (``connection_created``) stamps the table of each
    write once it ran."""
    if _stamp_after_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_stamp_after_write)
