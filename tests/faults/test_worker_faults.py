"""Delivery survives dead workers and a mail outage: a real prefork Celery worker, Redis,
PostgreSQL and an SMTP server, each its own process, as in production.

Three faults, each ending with every notice delivered exactly once (one mail per
recipient at the SMTP server, every notice marked sent):

- a pool process killed mid-task (what the out-of-memory killer does);
- the whole worker group SIGKILLed or SIGTERMed mid-fan-out, then a new worker started;
- the mail server down for longer than the retry ladder, then back.

The rig runs on a database and a Redis database of its own, so it never touches the
suite's test database or a developer's `make run`. It needs the production shape
(PostgreSQL and Redis), so it is defined only in CI's first run.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
import redis
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))
PRODUCTION_SHAPE = (
    bool(settings.REDIS_URL) and "postgresql" in (settings.DATABASES["default"]["ENGINE"])
)
RETRIES = 2  # the ladder, shortened: 1 s, then 2 s


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def eventually(condition, timeout: float, what: str, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    detail = f"\n--- worker log ---\n{log.read_text()[-6000:]}" if log and log.exists() else ""
    raise AssertionError(f"timed out after {timeout} s waiting for: {what}{detail}")


class Rig:
    """The processes of one fault scenario and what they left behind."""

    def __init__(self, database_url: str, redis_url: str, tmp: Path):
        self.database_url = database_url
        self.redis_url = redis_url
        self.tmp = tmp
        self.smtp_port = free_port()
        self.mailbox = tmp / "mailbox.log"
        self.mailbox.touch()
        self.worker_log = tmp / "worker.log"
        self.processes: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}",
            "EMAIL_TIMEOUT": "5",
            "CELERY_VISIBILITY_TIMEOUT": "8",
            "CELERY_RESTORE_INTERVAL_SECONDS": "1",
            "NOTIFICATION_EMAIL_RETRIES": str(RETRIES),
            "NOTIFICATION_RETRY_BASE_SECONDS": "1",
            "NOTIFICATION_PENDING_GRACE_SECONDS": "0",
            "PYTHONUNBUFFERED": "1",
        }

    # --- processes ---------------------------------------------------------------------
    def manage(self, code: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def start_worker(self) -> subprocess.Popen:
        log = self.worker_log.open("a")
        worker = subprocess.Popen(
            [
                CELERY,
                "-A",
                "supportlead",
                "worker",
                "--pool=prefork",
                "--concurrency=2",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"faults-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, for killpg
        )
        self.processes.append(worker)
        before = self.worker_log.read_text().count(" ready.")
        eventually(
            lambda: self.worker_log.read_text().count(" ready.") > before,
            60,
            "the worker to start",
            self.worker_log,
        )
        return worker

    def start_mail_server(self, rcpt_delay: float = 0.0) -> subprocess.Popen:
        server = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.smtp_sink"]
            + [str(self.smtp_port), str(self.mailbox), str(rcpt_delay)],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.processes.append(server)
        assert server.stdout.readline().startswith("listening")
        return server

    def pool_processes(self, worker: subprocess.Popen) -> list[int]:
        found = subprocess.run(
            ["pgrep", "-P", str(worker.pid)], capture_output=True, text=True
        ).stdout.split()
        return [int(pid) for pid in found]

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except (PermissionError, ProcessLookupError):
                    process.kill()
                process.wait(timeout=10)

    # --- data --------------------------------------------------------------------------
    def seed(self, recipients: int) -> str:
        """`recipients` people, each with one pending notice of a new sweep batch."""
        batch = f"faults-{uuid.uuid4().hex[:10]}"
        self.manage(
            "from django.contrib.auth import get_user_model\n"
            "from notifications.models import Notification\n"
            "User = get_user_model()\n"
            f"for i in range({recipients}):\n"
            f"    user = User.objects.create(username='{batch}-%d' % i,"
            f" email='{batch}-%d@example.com' % i)\n"
            "    Notification.objects.create(recipient=user, kind='checkin_overdue',"
            f" item_key='pairing:%d' % i, period_key='{batch}', title='Check-in overdue',"
            f" batch='{batch}')\n"
        )
        return batch

    def dispatch(self, batch: str) -> None:
        self.manage(
            "from notifications.tasks import notification_emails_dispatch\n"
            f"notification_emails_dispatch.delay('{batch}')"
        )

    def statuses(self, batch: str) -> dict[str, list]:
        with psycopg2.connect(self.database_url) as connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT email_status, email_attempts, email_error FROM mentorship_notification"
                " WHERE batch = %s ORDER BY id",
                [batch],
            )
            return cursor.fetchall()

    def all_sent(self, batch: str) -> bool:
        return all(status == "sent" for status, _, _ in self.statuses(batch))

    def mailbox_lines(self, kind: str) -> list[str]:
        prefix = kind + " "
        return [
            line[len(prefix) :]
            for line in self.mailbox.read_text().splitlines()
            if line.startswith(prefix)
        ]

    def assert_each_mailed_once(self, batch: str, recipients: int) -> None:
        delivered = self.mailbox_lines("sent")
        expected = sorted(f"{batch}-{i}@example.com" for i in range(recipients))
        assert sorted(delivered) == expected, (
            "each recipient gets exactly one mail",
            sorted(delivered),
        )
        assert self.all_sent(batch)


if PRODUCTION_SHAPE:

    @pytest.fixture(scope="module")
    def faults_database():
        """A database of the rig's own, migrated by a separate process."""
        parts = urlsplit(os.environ["DATABASE_URL"])
        name = f"supportlead_faults_{os.getpid()}"
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        url = urlunsplit(parts._replace(path=f"/{name}"))

        def run_admin(sql):
            connection = psycopg2.connect(admin_url)
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(sql)
            connection.close()

        run_admin(f'DROP DATABASE IF EXISTS "{name}"')
        run_admin(f'CREATE DATABASE "{name}"')
        migrated = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migrated.returncode == 0, migrated.stderr
        yield url
        run_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @pytest.fixture
    def rig(faults_database, tmp_path):
        parts = urlsplit(os.environ["REDIS_URL"])
        redis_url = urlunsplit(parts._replace(path="/13"))  # a Redis database of its own
        redis.Redis.from_url(redis_url).flushdb()
        rig = Rig(faults_database, redis_url, tmp_path)
        yield rig
        rig.stop_all()
        redis.Redis.from_url(redis_url).flushdb()

    @pytest.mark.worker
    def test_a_pool_process_killed_mid_task_loses_no_mail_and_sends_none_twice(rig):
        recipients = 6
        batch = rig.seed(recipients)
        rig.start_mail_server(rcpt_delay=1.5)  # each mail takes a while: caught in flight
        worker = rig.start_worker()
        rig.dispatch(batch)
        eventually(lambda: rig.mailbox_lines("rcpt"), 30, "a first mail in flight", rig.worker_log)

        victim = rig.pool_processes(worker)[0]
        os.kill(victim, signal.SIGKILL)

        eventually(lambda: rig.all_sent(batch), 90, "every notice sent", rig.worker_log)
        rig.assert_each_mailed_once(batch, recipients)
        # The kill cut a mail short (a session that never sent its data), and the
        # worker gave its task back rather than marking it lost.
        assert len(rig.mailbox_lines("rcpt")) > recipients
        assert "WorkerLostError" in rig.worker_log.read_text()
        assert worker.poll() is None  # the worker itself lived on

    @pytest.mark.worker
    @pytest.mark.parametrize("signal_sent", [signal.SIGKILL, signal.SIGTERM], ids=lambda s: s.name)
    def test_a_worker_killed_mid_fan_out_leaves_its_mails_to_the_next_worker(rig, signal_sent):
        """SIGKILL: no goodbye. SIGTERM to the whole group (what a careless restart
        does): the pool processes die under their tasks while the main one shuts down."""
        recipients = 10
        batch = rig.seed(recipients)
        rig.start_mail_server(rcpt_delay=1.0)
        worker = rig.start_worker()
        rig.dispatch(batch)
        eventually(lambda: rig.mailbox_lines("rcpt"), 30, "a first mail in flight", rig.worker_log)

        os.killpg(worker.pid, signal_sent)  # the main process and its pool
        worker.wait(timeout=60)
        left = [status for status, _, _ in rig.statuses(batch) if status != "sent"]
        assert left, "the kill came before the fan-out's mails were all sent"

        # The unacknowledged messages come back after the visibility timeout (8 s here).
        rig.start_worker()
        eventually(lambda: rig.all_sent(batch), 120, "every notice sent", rig.worker_log)
        rig.assert_each_mailed_once(batch, recipients)

    @pytest.mark.worker
    def test_a_mail_outage_longer_than_the_retries_is_recorded_and_sent_when_it_ends(rig):
        recipients = 4
        batch = rig.seed(recipients)
        rig.start_worker()  # no mail server yet: every connection is refused
        rig.dispatch(batch)

        def all_failed():
            rows = rig.statuses(batch)
            return all(status == "failed" for status, _, _ in rows)

        eventually(all_failed, 60, "every notice marked failed", rig.worker_log)
        for _status, attempts, error in rig.statuses(batch):
            assert attempts == RETRIES + 1  # every try recorded, the refused ones too
            assert "Connection refused" in error, error
        assert rig.mailbox_lines("sent") == []

        # The server comes back; the periodic resend (beat runs it every ten minutes)
        # hands the failed notices to the worker again.
        rig.start_mail_server()
        rig.manage(
            "from notifications.tasks import notifications_resend\nnotifications_resend.delay()"
        )
        eventually(lambda: rig.all_sent(batch), 60, "every notice sent", rig.worker_log)
        rig.assert_each_mailed_once(batch, recipients)
        for _status, attempts, error in rig.statuses(batch):
            assert (attempts, error) == (RETRIES + 2, "")
