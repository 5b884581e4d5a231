"""Whole pages kept for their viewer until the data they show changes.

A page decorated with ``per_viewer`` is kept in the cache (Redis) under who asked, the
path with its query string, today's date, the time zone, the code's release and the
last time any table behind the pages was written. Every committed write moves that
time: django-cachalot stamps the tables of the ORM's writes (bulk ones included) when
their transaction commits, and ``writes.py`` stamps every statement that writes (raw SQL
too) once it ran, from a page, the worker or a command. A kept page is therefore never
older than the last write; a write made outside the application (psql) is seen within
``PAGE_CACHE_SECONDS``.

What a kept page does not keep: the access check (the decorator goes inside the role
decorators, and whatever a role depends on is data, so a change is a write), the audit
row (the page's mark is kept and written again on every showing), the CSRF token (put in
fresh for this request) and messages (a page with a message to show is never kept and a
waiting message is never hidden by a kept page)."""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from pathlib import Path

from cachalot.cache import cachalot_caches
from cachalot.settings import cachalot_settings
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from audit import record as audit

from .writes import watched_tables

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
KEPT_HEADERS_SKIPPED = {"content-length", "set-cookie"}
HEADER = "X-Page-Cache"
_WRITTEN = "_pagecache_written"


@functools.cache
def release() -> str:
    """The code and templates this process serves, so that a deploy never shows a page
    rendered by the code before it: a digest of the names, sizes and times of the
    project's Python files, templates and static files."""
    base = Path(settings.BASE_DIR)
    roots = [base / "templates", base / "static"]
    roots += [
        Path(config.path) for config in apps.get_app_configs() if Path(config.path).parent == base
    ]
    digest = hashlib.blake2b(digest_size=12)
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".html", ".css", ".js", ".txt"):
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(base)}:{stat.st_size}:{stat.st_mtime_ns};".encode()
                )
    return digest.hexdigest()


@functools.cache
def _table_keys() -> tuple[str, ...]:
    keygen = cachalot_settings.CACHALOT_TABLE_KEYGEN
    return tuple(keygen(DEFAULT_DB_ALIAS, table) for table in sorted(watched_tables()))


def _read(request, key: str):
    """The tables' last write (read once per request) and what is kept at ``key``, in
    one round trip to the cache: the latest of the stamps django-cachalot keeps per table
    (what ``cachalot.api.get_last_invalidation`` reads), through its cache of the current
    transaction, so that a transaction sees its own writes."""
    written = getattr(request, _WRITTEN, None)
    if written is not None:
        return written, cache.get(key)
    found = cachalot_caches.get_cache("default", DEFAULT_DB_ALIAS).get_many([*_table_keys(), key])
    value = found.pop(key, None)
    written = max(found.values(), default=0.0)
    setattr(request, _WRITTEN, written)
    return written, value


_STALE = object()


def _current(found, written: float):
    """What was kept (``None`` included: a login with no person), if nothing behind it
    was written since; else ``_STALE``."""
    if found is not None and found[0] == written:
        return found[1]
    return _STALE


def _key(request, *parts: str) -> str:
    material = "\n".join((release(), str(request.user.pk), *parts))
    return "page:" + hashlib.blake2b(material.encode(), digest_size=20).hexdigest()


def kept(request, name: str, compute):
    """``compute()`` for this viewer, kept until the next write: what a page reads of
    who is asking (``supportlead.middleware.ViewerOnce``) is read from the cache while
    nothing was written."""
    if not settings.PAGE_CACHE_SECONDS or not request.user.is_authenticated:
        return compute()
    key = _key(request, name)
    written, found = _read(request, key)
    value = _current(found, written)
    if value is not _STALE:
        return value
    value = compute()
    cache.set(key, (written, value), settings.PAGE_CACHE_SECONDS)
    return value


def _keepable(response, storage) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not storage.added_new
    )


def _kept(request, response) -> dict:
    content = response.content
    for token in set(CSRF_INPUT.findall(content)):
        content = content.replace(token, CSRF_PLACEHOLDER)
    return {
        # Compressed: a tenth of the memory in Redis, for a fraction of a millisecond.
        "content": zlib.compress(content, 1),
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in KEPT_HEADERS_SKIPPED
        ],
        "mark": audit.marked(request),
    }


def _shown_again(request, kept: dict) -> HttpResponse:
    content = zlib.decompress(kept["content"])
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=kept["status"])
    for name, value in kept["headers"]:
        response[name] = value
    response[HEADER] = "hit"
    audit.mark_again(request, kept["mark"])
    return response


def per_viewer(view):
    """Keep the GET page of ``view`` per viewer until a write (see the module). Goes
    under the access decorators, so that who may see the page is decided every time."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or request.method != "GET" or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        storage = messages.get_messages(request)
        if len(storage):
            return view(request, *args, **kwargs)
        key = _key(
            request,
            request.get_full_path(),
            timezone.localdate().isoformat(),
            timezone.get_current_timezone_name(),
        )
        written, found = _read(request, key)
        page = _current(found, written)
        if page is not _STALE:
            return _shown_again(request, page)
        response = view(request, *args, **kwargs)
        if _keepable(response, storage):
            cache.set(key, (written, _kept(request, response)), seconds)
            response[HEADER] = "miss"
        return response

    return wrapped
