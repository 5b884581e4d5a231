"""Jira Service Management: resolved requests with the ``jira`` client (on Cloud
``enhanced_search_issues``, ``nextPageToken`` pages; on Data Center ``search_issues``,
``startAt`` pages; the server info says which): who was
assigned, the customer's satisfaction (JSM's satisfaction field, 1–5: 4–5 good, 1–2 bad,
3 neither) and the SLA's completed cycles (met, or breached). The JQL and the two custom
fields' ids come from the environment; the next run asks only for what was resolved
since the newest one read. The client waits out a 429 as its Retry-After says; a 5xx is
tried again here with back-off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from jira import JIRA, JIRAError

from supportdata.models import Kind, Source

from . import http
from .base import Agent, Item, Page, SourceError, page_of, parse_date

PAGE_SIZE = 100


def _refused(error: JIRAError) -> SourceError:
    if error.status_code in (401, 403):
        return SourceError(
            f"Jira refused the credentials ({error.status_code}): check its token in the "
            "environment."
        )
    return SourceError(f"Jira answered {error.status_code}: {error.text}"[:300])


class JiraReader:
    key = Source.JIRA
    label = "Jira Service Management"
    settings_names = ("JIRA_URL", "JIRA_EMAIL", "JIRA_API_TOKEN")

    def configured(self) -> bool:
        return all(getattr(settings, name, "") for name in self.settings_names)

    def _search(self, client: JIRA, jql: str, token: str | None) -> dict:
        """One page: Cloud's ``search/jql`` (``nextPageToken``), or Data Center's
        ``search`` (``startAt``, the token then holds the offset)."""
        backoff = settings.SUPPORT_SYNC_BACKOFF_SECONDS
        fields = [
            "assignee",
            "resolutiondate",
            settings.JIRA_SATISFACTION_FIELD,
            settings.JIRA_SLA_FIELD,
        ]
        for attempt in range(1, http.ATTEMPTS + 1):
            try:
                if client._is_cloud:
                    body = client.enhanced_search_issues(
                        jql,
                        nextPageToken=token,
                        maxResults=PAGE_SIZE,
                        fields=[f for f in fields if f],
                        json_result=True,
                    )
                else:
                    body = client.search_issues(
                        jql,
                        startAt=int(token or 0),
                        maxResults=PAGE_SIZE,
                        fields=[f for f in fields if f],
                        json_result=True,
                    )
                    following = body.get("startAt", 0) + len(body.get("issues") or [])
                    body["isLast"] = following >= body.get("total", 0)
                    body["nextPageToken"] = str(following)
            except JIRAError as error:
                if error.status_code in (401, 403):
                    raise SourceError(
                        f"Jira refused the credentials ({error.status_code}): check its token "
                        "in the environment."
                    ) from None
                if not error.status_code or error.status_code < 500 or attempt == http.ATTEMPTS:
                    raise SourceError(
                        f"Jira answered {error.status_code}: {error.text}"[:300]
                    ) from None
                http.sleep(backoff)
                backoff *= 2
            except ValueError:
                raise SourceError("Jira answered something that is not JSON.") from None
            else:
                if not isinstance(body, dict) or not isinstance(body.get("issues"), list):
                    raise SourceError("Jira's search answered without a list of issues.")
                return body
        raise SourceError("Jira could not be read.")  # not reached: the loop raises

    def pages(self, *, cursor: str, since: dt.date) -> Iterator[Page]:
        start = (cursor or since.isoformat())[:10]
        jql = f'({settings.JIRA_JQL}) AND resolved >= "{start}" ORDER BY resolved ASC'
        try:
            client = JIRA(
                server=settings.JIRA_URL.rstrip("/"),
                basic_auth=(settings.JIRA_EMAIL, settings.JIRA_API_TOKEN),
                get_server_info=True,  # Cloud or Data Center: which search it has
                max_retries=http.ATTEMPTS,
                timeout=30,
            )
        except JIRAError as error:
            raise _refused(error) from None
        newest, token = start, None
        try:
            while True:
                body = self._search(client, jql, token)
                page = page_of(body["issues"], self._item, "Jira issue", ident="key")
                page.cursor = cursor
                newest = max([newest, *(i.occurred_on.isoformat() for i in page.items)])
                token = body.get("nextPageToken")
                if body.get("isLast", True) or not token:
                    page.cursor = newest
                    yield page
                    return
                yield page
        finally:
            client.close()

    @staticmethod
    def _item(issue: dict) -> Item | None:
        fields = issue["fields"]
        assignee = fields.get("assignee")
        if not assignee or not fields.get("resolutiondate"):
            return None
        rating = (fields.get(settings.JIRA_SATISFACTION_FIELD) or {}).get("rating")
        satisfaction = "good" if rating in (4, 5) else "bad" if rating in (1, 2) else ""
        cycles = (fields.get(settings.JIRA_SLA_FIELD) or {}).get("completedCycles") or []
        sla = ("breached" if any(c.get("breached") for c in cycles) else "met") if cycles else ""
        return Item(
            kind=Kind.TICKET,
            external_id=str(issue["id"]),
            agent=Agent(
                handle=str(assignee["accountId"]),
                email=assignee.get("emailAddress") or "",
                name=assignee.get("displayName") or "",
            ),
            occurred_on=parse_date(fields["resolutiondate"]),
            satisfaction=satisfaction,
            sla=sla,
        )
