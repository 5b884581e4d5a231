"""A CSV file for any other tool (an in-house helpdesk, a knowledge base, a spreadsheet):
one row per item, these columns (a header row; unknown columns are ignored)::

    id          the tool's own id of the item (unique per kind)           required
    kind        ticket | incident_led | incident_responded | article       required
    agent       the person's e-mail (or a handle HR has as an alias)       required
    date        YYYY-MM-DD: solved, incident opened, article published     required
    satisfaction  good | bad | (empty)          a ticket's customer rating
    groups      how many groups the ticket passed through (2+ = escalated)
    reopened    yes | no
    sla         met | breached | (empty)
    severity    1–5, SEV1, P2, critical…        an incident's severity
    reuse       how often others reused the article

A row that cannot be read is skipped and reported with its line; the rest is kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

from supportdata.models import Kind, Source

from .base import Agent, Item, Page, severity_of

COLUMNS = (
    "id",
    "kind",
    "agent",
    "date",
    "satisfaction",
    "groups",
    "reopened",
    "sla",
    "severity",
    "reuse",
)
REQUIRED = ("id", "kind", "agent", "date")
BATCH = 1000
MAX_BYTES = 20 * 1024 * 1024


class CsvReader:
    key = Source.CSV
    label = "CSV upload"
    settings_names = ()

    def __init__(self, data: bytes = b""):
        self.data = data

    def configured(self) -> bool:
        return True

    def pages(self, *, cursor: str = "", since: dt.date | None = None) -> Iterator[Page]:
        text = self.data.decode("utf-8-sig", errors="replace")
        rows = csv.DictReader(io.StringIO(text))
        header = [h.strip().lower() for h in rows.fieldnames or []]
        missing = [c for c in REQUIRED if c not in header]
        page = Page()
        if missing:
            page.problems.append(f"The header lacks {', '.join(missing)}: nothing was read.")
            yield page
            return
        rows.fieldnames = header
        for line, row in enumerate(rows, start=2):
            try:
                page.items.append(self._item(row))
            except (KeyError, TypeError, ValueError) as error:
                page.problems.append(f"Line {line}: {error}")
            if len(page.items) >= BATCH:
                yield page
                page = Page()
        yield page

    @staticmethod
    def _item(row: dict) -> Item:
        def cell(name: str) -> str:
            return (row.get(name) or "").strip()

        for name in REQUIRED:
            if not cell(name):
                raise ValueError(f"{name} is empty")
        kind = cell("kind").lower()
        if kind not in Kind.values:
            raise ValueError(f"kind {cell('kind')!r} is none of {', '.join(Kind.values)}")
        satisfaction = cell("satisfaction").lower()
        if satisfaction not in ("", "good", "bad"):
            raise ValueError(f"satisfaction {satisfaction!r} is not good or bad")
        sla = cell("sla").lower()
        if sla not in ("", "met", "breached"):
            raise ValueError(f"sla {sla!r} is not met or breached")
        try:
            on = dt.date.fromisoformat(cell("date"))
        except ValueError:
            raise ValueError(f"date {cell('date')!r} is not YYYY-MM-DD") from None
        return Item(
            kind=kind,
            external_id=cell("id")[:120],
            agent=Agent(handle=cell("agent").lower(), email=cell("agent").lower()),
            occurred_on=on,
            satisfaction=satisfaction,
            groups=int(cell("groups") or 0),
            reopened=cell("reopened").lower() in ("yes", "true", "1"),
            sla=sla,
            severity=severity_of(cell("severity")) if cell("severity") else None,
            reuse=int(cell("reuse") or 0),
        )
