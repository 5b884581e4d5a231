import datetime as dt
import random
import time

from celery import current_app as celery_app
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from candidates.models import Candidate, Department, Person
from mentorship.models import MentorPairing
from mentorship.services import checkin_due_on
from notifications.models import Notification
from notifications.services import reminders_sweep


class Command(BaseCommand):
    help = (
        "Seed (or reuse) --pairings active mentor pairings and time the reminder sweep: "
        "seconds, SQL queries, notifications created. Then time the rerun (creates nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pairings", type=int, default=100_000)

    def handle(self, *args, pairings, **options):
        existing = MentorPairing.objects.filter(status="active").count()
        if existing < pairings:
            self.stdout.write(f"Seeding {pairings - existing} pairings…")
            started = time.perf_counter()
            self.seed(pairings - existing)
            if connection.vendor == "postgresql":
                # As autovacuum would after a load this size: fresh planner statistics.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            self.stdout.write(f"  seeded in {time.perf_counter() - started:.1f} s")
        Notification.objects.all().delete()
        today = timezone.localdate()
        # E-mails go to the queue, not to the network: time the sweep itself.
        celery_app.conf.task_always_eager = False
        celery_app.conf.broker_url = "memory://"
        for label in ("first sweep", "rerun"):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                result = reminders_sweep(today=today)
                elapsed = time.perf_counter() - started
            self.stdout.write(
                f"{label}: {elapsed:.2f} s, {len(queries)} queries, {result.due} due, "
                f"{result.created} notifications created, {result.emails_queued} e-mails queued "
                f"({connection.vendor}, {MentorPairing.objects.filter(status='active').count()} active pairings)"
            )

    @transaction.atomic
    def seed(self, count: int) -> None:
        # Long on purpose: a benchmark's script, read top to bottom (seed, measure, print).
        rng = random.Random(4)
        User = get_user_model()
        department, _ = Department.objects.get_or_create(
            name="Bench support", defaults={"kind": "support"}
        )
        password = make_password(None)
        stamp = int(time.time())
        mentors = []
        for i in range(max(1, count // 20)):
            mentors.append(
                Person(
                    full_name=f"Bench mentor {stamp}-{i}",
                    email=f"bench-mentor-{stamp}-{i}@example.com",
                    title="Director",
                    level=6,
                    department=department,
                    reporting_path="",
                )
            )
        mentor_users = [
            User(username=f"bench-mentor-{stamp}-{i}", email=p.email, password=password)
            for i, p in enumerate(mentors)
        ]
        User.objects.bulk_create(mentor_users, batch_size=5000)
        for person, user in zip(mentors, mentor_users, strict=True):
            person.user = user
        Person.objects.bulk_create(mentors, batch_size=5000)
        users = [
            User(
                username=f"bench-{stamp}-{i}",
                email=f"bench-{stamp}-{i}@example.com",
                password=password,
            )
            for i in range(count)
        ]
        User.objects.bulk_create(users, batch_size=5000)
        people = [
            Person(
                user=user,
                full_name=f"Bench candidate {stamp}-{i}",
                email=user.email,
                title="Senior engineer",
                level=2,
                department=department,
                reporting_path="",
            )
            for i, user in enumerate(users)
        ]
        Person.objects.bulk_create(people, batch_size=5000)
        today = timezone.localdate()
        candidates = [
            Candidate(
                person=person,
                nominated_by=mentors[0],
                nominated_on=today,
                nomination_reason="bench",
            )
            for person in people
        ]
        Candidate.objects.bulk_create(candidates, batch_size=5000)
        MentorPairing.objects.bulk_create(
            [
                MentorPairing(
                    candidate=candidate,
                    mentor=mentors[i % len(mentors)],
                    cadence_days=cadence,
                    starts_on=today - dt.timedelta(days=400),
                    created_by=mentors[0],
                    last_met_on=(last_met_on := today - dt.timedelta(days=rng.randint(0, 40))),
                    next_meeting_on=today + dt.timedelta(days=rng.randint(1, 20)),
                    checkin_due_on=checkin_due_on(
                        last_met_on=last_met_on,
                        starts_on=today - dt.timedelta(days=400),
                        cadence_days=cadence,
                    ),
                )
                for i, candidate in enumerate(candidates)
                if (cadence := rng.choice((14, 21, 28)))
            ],
            batch_size=5000,
        )
