"""How a read of confidential data is recorded, and how every CSV cell is made safe.

The access call that grants an actor confidential data calls ``read(actor, …)`` (the
talent base's ``candidate_get_for_user``, succession's ``position_get_for_user``, …), so
no page can show such data without recording it. The read is kept on the request the
actor is serving, one per request (a later, more precise read replaces an earlier one),
and the middleware (``audit.middleware.AuditReads``) writes it when the response shows
something (a 2xx status): a 404, a refusal or a redirect leaves no row, and a page pays
one INSERT whatever number of rows it lists."""

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


def read(actor, what: str, *, person=None, label: str = "") -> None:
    """Record (at the end of the request the actor is serving) that the actor was shown
    ``what``: about ``person`` (anything with ``pk`` and ``full_name``), described by
    ``label``. Outside a request (a task, a command) nothing is shown, nothing recorded."""
    request = getattr(actor, "request", None)
    if request is None:
        return
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
    actor, *, label: str, filename: str, header: list[str], rows: Iterable[Iterable]
) -> StreamingHttpResponse:
    """Every CSV export: recorded in the audit as ``label``, streamed line by line (a
    lazy ``rows`` is read as it is sent), every cell made safe for a spreadsheet
    (``csv_safe``), never cached."""
    read(actor, What.EXPORT, label=label)
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(csv_row(header))
        for row in rows:
            yield writer.writerow(csv_row(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
