"""How a page says what it showed, and how every CSV cell is made safe to open.

A view calls ``mark(request, …)`` once it knows the reader may see the page; the
middleware (``audit.middleware.AuditReads``) writes the row when the response leaves
with a success status, so a 404 or a refused request leaves no trace of data it never
showed, and a page pays one INSERT whatever number of rows it lists."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import StreamingHttpResponse

from .models import AuditEvent

What = AuditEvent.What


@dataclass(frozen=True)
class Mark:
    what: str
    subject_person_id: int | None = None
    subject_name: str = ""
    label: str = ""


def mark(request, what: str, *, person=None, label: str = "") -> None:
    """Record (at the end of this request) that ``request.user`` was shown ``what``:
    about ``person`` (anything with ``pk`` and ``full_name``), described by ``label``."""
    request.audit_mark = Mark(
        what=what,
        subject_person_id=getattr(person, "pk", None),
        subject_name=getattr(person, "full_name", "") if person is not None else "",
        label=label[:300],
    )


# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell as text that no spreadsheet will run: one starting like a formula gets a
    leading apostrophe (OWASP's advice), shown as typed and never evaluated. Numbers stay
    numbers, a negative one included."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_row(values) -> list[str]:
    return [csv_safe(value) for value in values]


class _Echo:
    """A file that hands back what is written to it: csv.writer's line, for streaming."""

    def write(self, value):
        return value


def csv_export(
    request, *, label: str, filename: str, header: list[str], rows: Iterable[Iterable]
) -> StreamingHttpResponse:
    """Every CSV export: recorded in the audit as ``label``, streamed line by line (a
    lazy ``rows`` is read as it is sent), every cell made safe for a spreadsheet
    (``csv_safe``), never cached."""
    mark(request, What.EXPORT, label=label)
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(csv_row(header))
        for row in rows:
            yield writer.writerow(csv_row(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
