"""incident.io: who held the incident-lead role of each incident, and its severity, from
``GET /v2/incidents`` (cursor pagination: ``page_size`` and ``after``, the next cursor in
``pagination_meta.after``). Plain HTTP (httpx2): incident.io publishes no Python client.
The next run asks only for incidents created since the newest one read
(``created_at[gte]``), and the ids keep a rerun from storing anything twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import httpx2
from django.conf import settings

from supportdata.models import Kind, Source

from .base import Agent, Item, Page, SourceError, page_of, parse_date, severity_of
from .http import get_json

LIST = "/v2/incidents"
PAGE_SIZE = 250


class IncidentIoReader:
    key = Source.INCIDENTIO
    label = "incident.io"
    settings_names = ("INCIDENTIO_API_KEY",)  # INCIDENTIO_URL has a default

    def configured(self) -> bool:
        return bool(settings.INCIDENTIO_API_KEY)

    def pages(self, *, cursor: str, since: dt.date) -> Iterator[Page]:
        start = cursor or since.isoformat()
        params = {"page_size": PAGE_SIZE, "created_at[gte]": start[:10]}
        newest = start
        with httpx2.Client(
            base_url=settings.INCIDENTIO_URL.rstrip("/"),
            headers={"Authorization": f"Bearer {settings.INCIDENTIO_API_KEY}"},
            timeout=30,
        ) as client:
            while True:
                body = get_json(client, LIST, params=params, label=self.label)
                incidents = body.get("incidents")
                if not isinstance(incidents, list):
                    raise SourceError("incident.io answered without a list of incidents.")
                page = page_of(incidents, self._item, "incident.io incident")
                page.cursor = cursor
                dated = [str(i.get("created_at") or "") for i in incidents if isinstance(i, dict)]
                newest = max([newest, *dated])
                after = (body.get("pagination_meta") or {}).get("after")
                if not after or not incidents:
                    page.cursor = newest
                    yield page
                    return
                yield page
                params = {**params, "after": after}

    @staticmethod
    def _item(incident: dict) -> Item | None:
        ident = str(incident["id"])
        on = parse_date(incident["created_at"])
        lead = None
        for assignment in incident.get("incident_role_assignments") or []:
            if (assignment.get("role") or {}).get("role_type") == "lead":
                lead = assignment.get("assignee")
        if not lead:
            return None  # nobody held the lead role
        severity = incident.get("severity") or {}
        return Item(
            kind=Kind.INCIDENT_LED,
            external_id=ident,
            agent=Agent(
                handle=str(lead["id"]), email=lead.get("email") or "", name=lead.get("name") or ""
            ),
            occurred_on=on,
            severity=severity_of(severity.get("name")),
        )
