"""Local stand-ins that speak the providers' documented shapes, for the tests and the
benchmark: Zendesk's cursor-based incremental ticket export (users and metric sets
side-loaded) and PagerDuty's REST API v2 (classic pagination of users and log entries).
Faults are queued per path: a status (with Retry-After for 429), or "junk" for a body
that is not JSON. Every request is recorded."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class StandIn:
    def __init__(self):
        self.zendesk_pages: list[dict] = []  # one body per page, linked by cursor "c<i>"
        self.pd_users: list[dict] = []
        self.pd_log_entries: list[dict] = []
        self.incidents: list[dict] = []
        self.jira_issues: list[dict] = []
        self.jira_auth = ("sync@example.com", "jira-token")
        self.jira_deployment = "Cloud"
        self.incidentio_key = "io-key"
        self.faults: dict[str, list] = {}
        self.requests: list[tuple[str, dict]] = []
        self.zendesk_auth = ("agent@example.com/token", "zd-token")
        self.pd_token = "pd-token"
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def fault(self, path: str, *faults) -> None:
        self.faults.setdefault(path, []).extend(faults)

    def zendesk_export(
        self, tickets: list[dict], users: list[dict], metrics: list[dict], per_page: int
    ):
        """Split the tickets over pages of ``per_page``, each linked to the next by cursor."""
        pages = [tickets[i : i + per_page] for i in range(0, len(tickets), per_page)] or [[]]
        self.zendesk_pages = []
        for i, chunk in enumerate(pages):
            ids = {t.get("id") for t in chunk if isinstance(t, dict)}
            agents = {t.get("assignee_id") for t in chunk if isinstance(t, dict)}
            last = i == len(pages) - 1
            self.zendesk_pages.append(
                {
                    "tickets": chunk,
                    "users": [u for u in users if u["id"] in agents],
                    "metric_sets": [m for m in metrics if m["ticket_id"] in ids],
                    "after_cursor": f"c{i + 1}",
                    "after_url": f"{self.url}/api/v2/incremental/tickets/cursor.json?cursor=c{i + 1}",
                    "end_of_stream": last,
                }
            )

    def _handler(self):
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body, headers=None):
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                stand_in.requests.append((url.path, query))
                queued = stand_in.faults.get(url.path) or []
                if queued:
                    fault = queued.pop(0)
                    if fault == "junk":
                        return self._send(200, b"<html>Bad gateway</html>")
                    status, retry_after = fault if isinstance(fault, tuple) else (fault, None)
                    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
                    return self._send(status, {"error": "fault"}, headers)
                if url.path.startswith("/api/v2/"):
                    return self._zendesk(url.path, query)
                if url.path.startswith("/rest/"):
                    return self._jira(url.path, query)
                if url.path.startswith("/v2/"):
                    return self._incidentio(url.path, query)
                return self._pagerduty(url.path, query)

            def _zendesk(self, path, query):
                expected = (
                    "Basic " + base64.b64encode(":".join(stand_in.zendesk_auth).encode()).decode()
                )
                if self.headers.get("Authorization") != expected:
                    return self._send(401, {"error": "Couldn't authenticate you"})
                if path != "/api/v2/incremental/tickets/cursor.json":
                    return self._send(404, {"error": "InvalidEndpoint"})
                cursor = query.get("cursor")
                index = int(cursor[1:]) if cursor else 0
                if index >= len(stand_in.zendesk_pages):
                    return self._send(
                        200,
                        {
                            "tickets": [],
                            "users": [],
                            "metric_sets": [],
                            "after_cursor": cursor,
                            "end_of_stream": True,
                        },
                    )
                return self._send(200, stand_in.zendesk_pages[index])

            def _jira(self, path, query):
                expected = (
                    "Basic " + base64.b64encode(":".join(stand_in.jira_auth).encode()).decode()
                )
                if self.headers.get("Authorization") != expected:
                    return self._send(401, {"errorMessages": ["You are not authenticated."]})
                if path == "/rest/api/2/field":
                    return self._send(200, [])
                if path == "/rest/api/2/serverInfo":
                    return self._send(
                        200,
                        {
                            "baseUrl": stand_in.url,
                            "version": "1001.0.0-SNAPSHOT",
                            "versionNumbers": [1001, 0, 0],
                            "deploymentType": stand_in.jira_deployment,
                        },
                    )
                if path == "/rest/api/2/search" and stand_in.jira_deployment == "Server":
                    size = int(query.get("maxResults", 50))
                    start = int(query.get("startAt", 0))
                    return self._send(
                        200,
                        {
                            "startAt": start,
                            "maxResults": size,
                            "total": len(stand_in.jira_issues),
                            "issues": stand_in.jira_issues[start : start + size],
                        },
                    )
                if path != "/rest/api/2/search/jql" or stand_in.jira_deployment != "Cloud":
                    return self._send(404, {"errorMessages": ["Not found"]})
                size = int(query.get("maxResults", 50))
                start = int(query["nextPageToken"][1:]) if query.get("nextPageToken") else 0
                chunk = stand_in.jira_issues[start : start + size]
                body = {"issues": chunk, "isLast": start + size >= len(stand_in.jira_issues)}
                if not body["isLast"]:
                    body["nextPageToken"] = f"t{start + size}"
                return self._send(200, body)

            def _incidentio(self, path, query):
                if self.headers.get("Authorization") != f"Bearer {stand_in.incidentio_key}":
                    return self._send(401, {"type": "authentication_error", "status": 401})
                if path != "/v2/incidents":
                    return self._send(404, {"type": "not_found", "status": 404})
                since = query.get("created_at[gte]", "")
                rows = [r for r in stand_in.incidents if str(r.get("created_at", "")) >= since]
                size = int(query.get("page_size", 25))
                start = int(query["after"][1:]) if query.get("after") else 0
                chunk = rows[start : start + size]
                more = start + size < len(rows)
                meta = {"page_size": size, "total_record_count": len(rows)}
                if more:
                    meta["after"] = f"i{start + size}"
                return self._send(200, {"incidents": chunk, "pagination_meta": meta})

            def _pagerduty(self, path, query):
                if self.headers.get("Authorization") != f"Token token={stand_in.pd_token}":
                    return self._send(401, {"error": {"message": "Unauthorized", "code": 2006}})
                rows = {"/users": stand_in.pd_users, "/log_entries": stand_in.pd_log_entries}.get(
                    path
                )
                if rows is None:
                    return self._send(404, {"error": {"message": "Not Found"}})
                if path == "/log_entries" and query.get("since"):
                    rows = [r for r in rows if r.get("created_at", "") >= query["since"]]
                limit, offset = int(query.get("limit", 25)), int(query.get("offset", 0))
                key = path.strip("/")
                return self._send(
                    200,
                    {
                        key: rows[offset : offset + limit],
                        "limit": limit,
                        "offset": offset,
                        "more": offset + limit < len(rows),
                        "total": None,
                    },
                )

        return Handler
