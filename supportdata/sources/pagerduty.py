"""PagerDuty: who responded to which incident, from the log entries (an acknowledgement
or a resolution by a user), with PagerDuty's official client (``pagerduty``). The client
counts the tries; the waits are ours: a 429 waits what Retry-After says, a 5xx backs off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pagerduty
from django.conf import settings

from supportdata.models import Kind, Source

from . import http
from .base import Agent, Item, Page, SourceError, parse_date

RESPONSES = {"acknowledge_log_entry", "resolve_log_entry"}
BATCH = 500
MAX_RATE_LIMITED = 20
LOOPBACK = ("http://127.0.0.1:", "http://localhost:")


class _Client(pagerduty.RestApiV2Client):
    """The official client, waiting as the source asks (see the module's docstring)."""

    sleep_timer = 0  # the library's own waits; ours are in postprocess

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for status in (500, 502, 503, 504):
            self.retry[status] = http.ATTEMPTS - 1
        self._backoff = settings.SUPPORT_SYNC_BACKOFF_SECONDS
        self._limited = 0

    @property
    def url(self) -> str:
        return self._url

    @url.setter
    def url(self, base: str):
        """HTTPS, as the library asks, except a stand-in on this machine (the tests')."""
        if base.startswith(LOOPBACK):
            self._url = base
        else:
            pagerduty.RestApiV2Client.url.fset(self, base)

    def postprocess(self, response):
        super().postprocess(response)
        if response.status_code == 429:
            self._limited += 1
            if self._limited > MAX_RATE_LIMITED:
                raise SourceError("PagerDuty kept answering 429: the next run resumes.")
            http.sleep(http.retry_after(response))
        elif response.status_code >= 500:
            http.sleep(self._backoff)
            self._backoff *= 2
        else:
            self._limited = 0
            self._backoff = settings.SUPPORT_SYNC_BACKOFF_SECONDS


class PagerDutyReader:
    key = Source.PAGERDUTY
    label = "PagerDuty"
    settings_names = ("PAGERDUTY_API_TOKEN",)  # PAGERDUTY_URL has a default

    def configured(self) -> bool:
        return bool(settings.PAGERDUTY_API_TOKEN)

    def pages(self, *, cursor: str, since: dt.date) -> Iterator[Page]:
        client = _Client(settings.PAGERDUTY_API_TOKEN, base_url=settings.PAGERDUTY_URL.rstrip("/"))
        start = cursor or f"{since.isoformat()}T00:00:00Z"
        try:
            emails = {
                str(u.get("id")): (u.get("email") or "", u.get("name") or "")
                for u in client.iter_all("users")
            }
            page, newest = Page(cursor=cursor), start
            for entry in client.iter_all("log_entries", params={"since": start}):
                if not isinstance(entry, dict) or entry.get("type") not in RESPONSES:
                    continue
                try:
                    item = self._item(entry, emails)
                except (KeyError, TypeError, ValueError) as error:
                    page.problems.append(f"PagerDuty log entry {entry.get('id', '?')}: {error}")
                    continue
                if item is None:
                    continue
                page.items.append(item)
                newest = max(newest, entry["created_at"])
                if len(page.items) >= BATCH:
                    yield page
                    page = Page(cursor=cursor)
            page.cursor = newest
            yield page
        except pagerduty.HttpError as error:
            status = getattr(error.response, "status_code", "?")
            raise SourceError(f"PagerDuty answered {status}: {str(error)[:200]}") from None
        except pagerduty.Error as error:
            raise SourceError(f"PagerDuty could not be read: {str(error)[:200]}") from None
        except ValueError:
            raise SourceError("PagerDuty answered something that is not JSON.") from None

    @staticmethod
    def _item(entry: dict, emails: dict) -> Item | None:
        agent = entry.get("agent") or {}
        if agent.get("type") not in ("user_reference", "user"):
            return None  # an integration or the system, not a person
        incident = entry["incident"]["id"]
        user = str(agent["id"])
        email, name = emails.get(user, ("", agent.get("summary") or ""))
        return Item(
            kind=Kind.INCIDENT_RESPONDED,
            external_id=f"{incident}:{user}",
            agent=Agent(handle=user, email=email, name=name),
            occurred_on=parse_date(entry["created_at"]),
        )
