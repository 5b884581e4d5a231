"""What every source's reader gives the sync: pages of items, each about one agent, with
the page's cursor (the sync keeps it after each page, so a failure resumes from there)
and the records it could not read (skipped and reported, the batch goes on)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol


class SourceError(Exception):
    """The source cannot be read now (refused credentials, down after the retries, an
    answer that is not its API's): the run stops, its cursor stays where it was."""


@dataclass(frozen=True)
class Agent:
    handle: str  # the source's own id for them
    email: str = ""
    name: str = ""


@dataclass(frozen=True)
class Item:
    kind: str
    external_id: str
    agent: Agent
    occurred_on: dt.date
    satisfaction: str = ""
    groups: int = 0
    reopened: bool = False
    sla: str = ""
    severity: int | None = None
    reuse: int = 0


@dataclass
class Page:
    items: list[Item] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    cursor: str = ""


class Reader(Protocol):
    key: str
    label: str
    settings_names: tuple[str, ...]

    def configured(self) -> bool: ...

    def pages(self, *, cursor: str, since: dt.date) -> Iterator[Page]: ...


def page_of(
    records: list, item_of: Callable[[dict], Item | None], what: str, *, ident: str = "id"
) -> Page:
    """Read a page's records into items: one that cannot be read is skipped and named
    (``what`` and its id) with what was wrong; one that is nobody's work gives None."""
    page = Page()
    for record in records:
        try:
            item = item_of(record)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            name = record.get(ident, "?") if isinstance(record, dict) else "?"
            page.problems.append(f"{what} {name}: {error}")
            continue
        if item is not None:
            page.items.append(item)
    return page


def parse_date(value) -> dt.date:
    """An ISO 8601 date or timestamp ("2026-03-04T10:00:00Z") as a date; ValueError if not."""
    if not isinstance(value, str) or len(value) < 10:
        raise ValueError(f"not a date: {value!r}")
    return dt.date.fromisoformat(value[:10])


def severity_of(value) -> int | None:
    """SEV1, P1, "1", "Critical"… as 1 to 5 (1 the worst); None when unknown."""
    if value is None:
        return None
    text = str(value).strip().lower()
    named = {"critical": 1, "major": 2, "high": 2, "moderate": 3, "medium": 3, "minor": 4, "low": 4}
    if text in named:
        return named[text]
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and 1 <= int(digits) <= 5:
        return int(digits)
    return None
