"""The Zendesk sync at scale, against a local stand-in of the incremental ticket export.

Makes (or reuses) --agents people in a "Bench support" department, serves --tickets solved
tickets over 12 months from a separate process (pages of 1,000 made on the fly from the
cursor, users and metric sets side-loaded, as Zendesk documents them), then runs the sync
in this process: the first sync (time, pages, peak memory of this process), and a rerun
with nothing new (its time). 127.0.0.1 only."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import random
import resource
import socket
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from candidates.models import Department, DepartmentKind, Level, Person
from supportdata import services
from supportdata.models import SourceState, SupportItem, SupportMonth, TeamMedian

PER_PAGE = 1000
EMAIL = "bench-agent-{:05}@example.com"


def _serve(port: int, tickets: int, agents: int, start: float) -> None:
    span = 365 * 86400

    def page(index: int) -> dict:
        first = index * PER_PAGE
        ids = range(first, min(first + PER_PAGE, tickets))
        rows, metrics, seen = [], [], set()
        for ident in ids:
            rng = random.Random(ident)
            agent = rng.randrange(agents)
            seen.add(agent)
            solved = start + span * ident / tickets
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(solved))
            score = rng.choice(("good", "good", "good", "bad", "unoffered", "offered"))
            rows.append(
                {
                    "id": ident + 1,
                    "status": "solved" if rng.random() < 0.9 else "closed",
                    "assignee_id": 10_000_000 + agent,
                    "updated_at": stamp,
                    "satisfaction_rating": {"score": score, "comment": "customer words"},
                    "subject": "customer subject",
                }
            )
            metrics.append(
                {
                    "ticket_id": ident + 1,
                    "group_stations": rng.choice((1, 1, 1, 2, 3)),
                    "reopens": int(rng.random() < 0.07),
                    "solved_at": stamp,
                }
            )
        users = [
            {"id": 10_000_000 + a, "email": EMAIL.format(a), "name": f"Agent {a}"} for a in seen
        ]
        last = first + PER_PAGE >= tickets
        return {
            "tickets": rows,
            "users": users,
            "metric_sets": metrics,
            "after_cursor": f"p{index + 1}",
            "end_of_stream": last,
        }

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            query = parse_qs(urlparse(self.path).query)
            cursor = query.get("cursor", [""])[0]
            index = int(cursor[1:]) if cursor else 0
            if index * PER_PAGE >= tickets:
                body = {
                    "tickets": [],
                    "users": [],
                    "metric_sets": [],
                    "after_cursor": cursor,
                    "end_of_stream": True,
                }
            else:
                body = page(index)
            raw = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Command(BaseCommand):
    help = "Time the Zendesk sync of --tickets tickets for --agents agents (a local stand-in)."

    def add_arguments(self, parser):
        parser.add_argument("--tickets", type=int, default=1_000_000)
        parser.add_argument("--agents", type=int, default=10_000)

    def handle(self, *args, tickets, agents, **options):
        department, _ = Department.objects.get_or_create(
            name="Bench support", defaults={"kind": DepartmentKind.SUPPORT}
        )
        have = set(
            Person.objects.filter(email__startswith="bench-agent-").values_list("email", flat=True)
        )
        Person.objects.bulk_create(
            [
                Person(
                    full_name=f"Agent {a}",
                    email=EMAIL.format(a),
                    title="Support engineer",
                    level=Level.ENGINEER,
                    department=department,
                )
                for a in range(agents)
                if EMAIL.format(a) not in have
            ],
            batch_size=5000,
        )
        SupportItem.objects.filter(source="zendesk").delete()
        SupportMonth.objects.filter(person__department=department).delete()
        TeamMedian.objects.filter(department=department).delete()
        SourceState.objects.filter(source="zendesk").delete()

        port = _free_port()
        start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=365)).timestamp()
        server = multiprocessing.Process(
            target=_serve, args=(port, tickets, agents, start), daemon=True
        )
        server.start()
        time.sleep(0.5)
        try:
            with override_settings(
                ZENDESK_URL=f"http://127.0.0.1:{port}",
                ZENDESK_EMAIL="bench@example.com",
                ZENDESK_API_TOKEN="bench",
            ):
                before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                began = time.perf_counter()
                first = services.sync_source(
                    "zendesk", since=dt.date.today() - dt.timedelta(days=366)
                )
                took = time.perf_counter() - began
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                began = time.perf_counter()
                again = services.sync_source("zendesk")
                rerun = time.perf_counter() - began
        finally:
            server.terminate()
        self.stdout.write(
            f"first sync: {took:.1f} s for {tickets:,} tickets of {agents:,} agents "
            f"({first.summary()})\n"
            f"  peak memory of this process: {before / 1024:.0f} MB before, {peak / 1024:.0f} MB after\n"
            f"  kept: {SupportItem.objects.filter(source='zendesk').count():,} tickets, "
            f"{SupportMonth.objects.filter(person__department=department).count():,} person-months, "
            f"{TeamMedian.objects.filter(department=department).count()} team medians\n"
            f"rerun with nothing new: {rerun:.2f} s ({again.summary()})"
        )
