"""Zendesk Support: solved tickets from the cursor-based incremental ticket export
(``/api/v2/incremental/tickets/cursor.json``), with the users and the ticket metrics
side-loaded (``include=users,metric_sets``): the agent assigned, the customer's rating
(good / bad) of that agent, how many groups the ticket passed through and whether it was
reopened. Nothing of the customer is read into what is kept.

Plain HTTP (httpx2, already here through the PagerDuty client): zenpy builds its address
as ``https://<subdomain>.<domain>`` and cannot be pointed at a test server over plain
HTTP; the export is one endpoint whose pages we read as its reference documents them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

import httpx2
from django.conf import settings

from supportdata.models import Kind, Source

from .base import Agent, Item, Page, SourceError, page_of, parse_date
from .http import get_json

EXPORT = "/api/v2/incremental/tickets/cursor.json"
SOLVED = {"solved", "closed"}


class ZendeskReader:
    key = Source.ZENDESK
    label = "Zendesk"
    settings_names = ("ZENDESK_URL", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN")

    def configured(self) -> bool:
        return all(getattr(settings, name, "") for name in self.settings_names)

    def _client(self) -> httpx2.Client:
        return httpx2.Client(
            base_url=settings.ZENDESK_URL.rstrip("/"),
            auth=(f"{settings.ZENDESK_EMAIL}/token", settings.ZENDESK_API_TOKEN),
            timeout=30,
            headers={"Accept": "application/json"},
        )

    def pages(self, *, cursor: str, since: dt.date) -> Iterator[Page]:
        params = {"include": "users,metric_sets", "per_page": 1000}
        if cursor:
            params["cursor"] = cursor
        else:
            params["start_time"] = calendar.timegm(since.timetuple())
        with self._client() as client:
            while True:
                body = get_json(client, EXPORT, params=params, label=self.label)
                if not isinstance(body.get("tickets"), list):
                    raise SourceError("Zendesk's export answered without a list of tickets.")
                page = self.read(body)
                yield page
                if body.get("end_of_stream", True) or not body.get("after_cursor"):
                    return
                params = {"include": "users,metric_sets", "per_page": 1000}
                params["cursor"] = body["after_cursor"]

    def read(self, body: dict) -> Page:
        users = {str(u.get("id")): u for u in body.get("users") or [] if isinstance(u, dict)}
        metrics = {
            str(m.get("ticket_id")): m for m in body.get("metric_sets") or [] if isinstance(m, dict)
        }
        page = page_of(
            body["tickets"], lambda ticket: self._item(ticket, users, metrics), "Zendesk ticket"
        )
        page.cursor = str(body.get("after_cursor") or "")
        return page

    @staticmethod
    def _item(ticket: dict, users: dict, metrics: dict) -> Item | None:
        if not isinstance(ticket, dict) or "id" not in ticket:
            raise ValueError("a ticket without an id")
        if ticket.get("status") not in SOLVED or not ticket.get("assignee_id"):
            return None
        ident = str(ticket["id"])
        metric = metrics.get(ident) or {}
        solved_at = metric.get("solved_at") or ticket.get("updated_at")
        agent_id = str(ticket["assignee_id"])
        user = users.get(agent_id) or {}
        score = (ticket.get("satisfaction_rating") or {}).get("score", "")
        return Item(
            kind=Kind.TICKET,
            external_id=ident,
            agent=Agent(
                handle=agent_id, email=user.get("email") or "", name=user.get("name") or ""
            ),
            occurred_on=parse_date(solved_at),
            satisfaction=score if score in ("good", "bad") else "",
            groups=int(metric.get("group_stations") or 0),
            reopened=int(metric.get("reopens") or 0) > 0,
        )
