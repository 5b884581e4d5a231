"""The directory import through HR's page with a real worker, timed.

Seeds (or reuses) the demo org, writes HR's export of the whole directory plus --new
hires, uploads it as HR through the page (Django's test client, in this process), and
lets a Celery worker started for the run (its own queue on the configured broker) check
and apply it. Prints the upload's response time, how long the check and the apply took,
what the import page says, the worker's peak memory, and how fast a file of 700,000
empty lines is refused at upload."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
import uuid

from celery import current_app as celery_app
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.test.utils import override_settings

from candidates.models import DirectoryImport, Person

Status = DirectoryImport.Status


def _peak_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=300, help="Demo size if empty.")
        parser.add_argument("--new", type=int, default=10_000, help="New hires in the file.")
        parser.add_argument("--timeout", type=float, default=600)

    def handle(self, *args, people, new, timeout, **options):
        if not Person.objects.filter(user__username="hr").exists():
            call_command("seed_demo", people=people, if_empty=True, stdout=self.stdout)
        text = self.directory(new)
        queue = f"bench-import-{uuid.uuid4().hex[:8]}"
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "supportlead", "worker", "--pool", "solo",
             "--queues", queue, "--loglevel", "warning", "--without-mingle", "--without-gossip"],
            cwd=settings.BASE_DIR,
            env={**os.environ, "CELERY_TASK_ALWAYS_EAGER": "false"},
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            with override_settings(ALLOWED_HOSTS=["*"], CELERY_TASK_DEFAULT_QUEUE=queue):
                celery_app.conf.task_default_queue = queue
                celery_app.amqp.queues.select_add(queue)
                self.run_import(text, new, timeout, worker)
                self.refusal()
        finally:
            worker.terminate()
            worker.wait(timeout=30)

    def directory(self, new: int) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["email", "full_name", "title", "level", "department", "manager_email"])
        people = Person.objects.filter(is_active=True).values_list(
            "email", "full_name", "title", "level", "department__name", "manager__email"
        )
        writer.writerows((*row[:5], row[5] or "") for row in people)
        boss = Person.objects.get(user__username="manager").email
        stamp = uuid.uuid4().hex[:6]
        writer.writerows(
            (f"hire-{stamp}-{i}@example.com", f"Hire {i}", "Engineer", 1, "Support", boss)
            for i in range(new)
        )
        return out.getvalue()

    def run_import(self, text: str, new: int, timeout: float, worker) -> None:
        client = Client()
        client.force_login(get_user_model().objects.get(username="hr"))
        file = io.BytesIO(text.encode())
        file.name = "people.csv"
        started = time.perf_counter()
        response = client.post("/candidates/people/import/", {"file": file}, secure=True)
        upload = time.perf_counter() - started
        if response.status_code != 302:
            raise CommandError(f"The upload answered {response.status_code}.")
        job = DirectoryImport.objects.latest("pk")
        self.stdout.write(
            f"{job.lines} lines ({len(text) // 1024} KB), {Person.objects.count()} people before; "
            f"upload answered in {upload * 1000:.0f} ms"
        )
        checked = self.wait(job, {Status.READY, Status.PROBLEMS, Status.FAILED}, timeout, worker)
        self.stdout.write(
            f"checked by the worker in {checked:.1f} s: {self.said(client, job)} "
            f"(worker peak {_peak_kb(worker.pid) / 1024:.0f} MB)"
        )
        job.refresh_from_db()
        if job.status != Status.READY:
            raise CommandError(f"The check ended {job.status}: {job.error or job.plan}")
        client.post(
            f"/candidates/people/import/{job.pk}/confirm/",
            {"digest": job.digest, "whole_directory": "yes"},
            secure=True,
        )
        applied = self.wait(job, {Status.DONE, Status.FAILED}, timeout, worker)
        self.stdout.write(f"applied by the worker in {applied:.1f} s: {self.said(client, job)}")
        self.stdout.write(
            f"worker peak memory {_peak_kb(worker.pid) / 1024:.0f} MB; "
            f"{Person.objects.count()} people after"
        )

    def wait(self, job, ends: set, timeout: float, worker) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if worker.poll() is not None:
                raise CommandError("The worker stopped.")
            if DirectoryImport.objects.filter(pk=job.pk, status__in=ends).exists():
                return time.perf_counter() - started
            time.sleep(0.2)
        raise CommandError("The worker did not finish in time.")

    def said(self, client, job) -> str:
        page = client.get(job.get_absolute_url(), secure=True).content.decode()
        for marker in (" new, ", "to create,", "problem"):
            if marker in page:
                start = page.rfind(">", 0, page.index(marker)) + 1
                return page[start : page.index("<", start)].strip()
        return "(nothing said)"

    def refusal(self) -> None:
        client = Client()
        client.force_login(get_user_model().objects.get(username="hr"))
        empty = b"email,full_name,title,level,department,manager_email\n" + b"\n" * 700_000
        file = io.BytesIO(empty)
        file.name = "empty.csv"
        started = time.perf_counter()
        response = client.post("/candidates/people/import/", {"file": file}, secure=True)
        took = (time.perf_counter() - started) * 1000
        page = response.content.decode()
        said = page[page.index("The file has") :].split("<")[0] if "The file has" in page else "?"
        self.stdout.write(f"700,000 empty lines refused at upload in {took:.0f} ms: {said}")
