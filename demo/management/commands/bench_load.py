"""A bounded load benchmark against the configured database.

Starts gunicorn (2 sync workers) on a loopback port, logs in the demo's manager, mentor,
candidate and admin, and drives the talent pool, a profile, the mentor home and /me/ at
each concurrency for a fixed time, with two references measured in the same run and the
same server: the login page (no query, no session: the framework's own ceiling) and
Django admin's candidate changelist (the peer: the same candidates, listed by Django).
Prints requests per second, p50/p95/p99, errors and each page's ratio to both
(``--writes-per-second`` writes meanwhile, as in a working day). Traffic goes to 127.0.0.1 only; every run stops by itself
(--duration per page and concurrency)."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import F

from candidates.models import Candidate, Department, Person

HOST = "127.0.0.1"
ADMIN_PEER = "admin: candidates"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0
    writes: int = 0

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


class Session:
    """One virtual user: a keep-alive connection and its cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            raise
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, data

    def log_in(self, username: str, password: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        token = CSRF_INPUT.search(page.decode())
        if status != 200 or token is None:
            raise CommandError(f"The login page answered {status}.")
        body = urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        )
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{HOST}:{self.port}/accounts/login/",
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise CommandError(f"Could not log in as {username} (status {status}).")


def drive(sessions: list[Session], path: str, duration: float, writes: float = 0) -> Result:
    """Each session requests ``path`` in a loop until the time is up; with ``writes``,
    something is written that many times a second meanwhile (a department's name set to
    itself: a committed UPDATE)."""
    result = Result()
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def loop(session: Session):
        latencies, errors = [], 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                status, _ = session.request("GET", path)
            except (http.client.HTTPException, OSError):
                status = 0
            if status == 200:
                latencies.append(time.perf_counter() - started)
            else:
                errors += 1
        with lock:
            result.latencies.extend(latencies)
            result.errors += errors

    def writer():
        department = Department.objects.order_by("pk").values_list("pk", flat=True).first()
        try:
            while time.perf_counter() < deadline:
                Department.objects.filter(pk=department).update(name=F("name"))
                result.writes += 1
                time.sleep(1 / writes)
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(s,), daemon=True) for s in sessions]
    if writes:
        threads.append(threading.Thread(target=writer, daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 120)
    result.elapsed = time.perf_counter() - started
    return result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=float, default=10, help="Seconds per measure.")
        parser.add_argument("--concurrency", default="10,50", help="Comma-separated.")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--people", type=int, default=300, help="Demo size if empty.")
        parser.add_argument("--password", default="supportlead-demo")
        parser.add_argument(
            "--writes-per-second",
            type=float,
            default=0,
            help="Write something this often while each page is driven (0: no writes).",
        )

    def handle(
        self, *args, duration, concurrency, workers, people, password, writes_per_second, **options
    ):
        if not 0 <= writes_per_second <= 100:
            raise CommandError("--writes-per-second runs from 0 to 100.")
        self.writes = writes_per_second
        levels = [int(c) for c in concurrency.split(",") if c.strip()]
        if not levels or min(levels) < 1 or max(levels) > 200:
            raise CommandError("--concurrency takes numbers from 1 to 200.")
        if not 1 <= duration <= 120:
            raise CommandError("--duration runs from 1 to 120 seconds.")
        if not Person.objects.filter(user__username="manager").exists():
            call_command("seed_demo", people=people, if_empty=True, stdout=self.stdout)
        casey = Candidate.objects.get(person__user__username="candidate")
        pages = [
            ("login page (ceiling)", "/accounts/login/", None),
            (ADMIN_PEER, "/admin/candidates/candidate/", "admin"),
            ("talent pool", "/candidates/", "manager"),
            ("candidate profile", f"/candidates/{casey.pk}/", "manager"),
            ("mentor home", "/mentorship/", "mentor"),
            ("/me/", "/me/", "candidate"),
        ]
        port = free_port()
        server = self.start(port, workers)
        try:
            self.stdout.write(
                f"gunicorn, {workers} sync workers on {HOST}:{port}; "
                f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
                f"{Person.objects.count()} people; {duration:g} s per page and concurrency"
            )
            for level in levels:
                self.run_level(port, level, pages, duration, password)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()

    def start(self, port: int, workers: int) -> subprocess.Popen:
        env = {**os.environ, "SECRET_KEY": os.environ.get("SECRET_KEY", secrets.token_hex(32))}
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [
                str(gunicorn),
                "supportlead.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"{HOST}:{port}",
                "--log-level",
                "warning",
                "--timeout",
                "120",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, port), timeout=1):
                    return server
            except OSError:
                if server.poll() is not None:
                    raise CommandError("gunicorn did not start.") from None
                time.sleep(0.2)
        server.kill()
        raise CommandError("gunicorn did not answer within 30 s.")

    def run_level(self, port: int, level: int, pages, duration: float, password: str):
        self.stdout.write(f"\nconcurrency {level}")
        self.stdout.write(
            f"{'page':<22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
            f"{'errors':>7} {'vs login':>9} {'vs admin':>9}"
        )
        ceiling = peer = None
        for name, path, username in pages:
            sessions = [Session(port) for _ in range(level)]
            if username:
                for session in sessions:
                    session.log_in(username, password)
            # One warm-up request per session (opens the connection, fills caches).
            for session in sessions:
                session.request("GET", path)
            result = drive(sessions, path, duration, self.writes)
            for session in sessions:
                session.connection.close()
            ceiling = ceiling or result.rps
            if name == ADMIN_PEER:
                peer = result.rps
            ratio = result.rps / ceiling if ceiling else 0
            to_peer = f"{result.rps / peer:>8.2f}x" if peer else f"{'':>9}"
            self.stdout.write(
                f"{name:<22} {result.rps:>8.1f} {result.percentile(0.5):>8.1f} "
                f"{result.percentile(0.95):>8.1f} {result.percentile(0.99):>8.1f} "
                f"{result.errors:>7} {ratio:>8.2f}x {to_peer}"
            )
        if self.writes:
            self.stdout.write(f"(with {self.writes:g} writes a second meanwhile)")
