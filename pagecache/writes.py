"""When the tables behind the pages were last written.

django-cachalot stamps a table when a transaction that wrote it commits. An ORM write
made outside a transaction (autocommit: a plain ``save()``, a ``QuerySet.update()``) it
stamps *before* the statement runs, so a page made in between, from the rows as they
were, would be kept under the new stamp. ``watch_writes`` stamps such a write's table
again once the statement has run."""

from __future__ import annotations

import functools
import re

from cachalot.api import invalidate
from django.apps import apps
from django.conf import settings

WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


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


def _stamp_after_autocommit_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    connection = context["connection"]
    if not connection.in_atomic_block and isinstance(sql, str):
        found = WRITE.match(sql)
        if found and found.group(1) in watched_tables():
            invalidate(found.group(1), cache_alias="default", db_alias=connection.alias)
    return result


def watch_writes(sender, connection, **kwargs):
    """Every new database connection (``connection_created``) stamps its autocommit
    writes after they ran."""
    if _stamp_after_autocommit_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_stamp_after_autocommit_write)
