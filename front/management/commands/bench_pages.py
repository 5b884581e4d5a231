import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from candidates.models import Candidate, KeyPosition, Person


class Command(BaseCommand):
    help = (
        "Seed (or reuse) a demo org of --people and print, for each manager page, its SQL "
        "query count and the median / p95 server-side time over --repeat requests."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=1000)
        parser.add_argument("--repeat", type=int, default=15)
        parser.add_argument("--user", default="hr", help="Who browses (hr sees everyone).")

    def handle(self, *args, people, repeat, user, **options):
        if Person.objects.count() != people:
            self.stdout.write(f"Seeding a demo org of {people} people…")
            call_command("seed_demo", people=people, force=True, stdout=self.stdout)
        client = Client()
        client.force_login(get_user_model().objects.get(username=user))
        candidate = Candidate.objects.order_by("pk").first()
        position = KeyPosition.objects.order_by("-level", "pk").first()
        pages = [
            ("talent pool", "/candidates/"),
            ("pool, filtered", "/candidates/?readiness=ready_now&overdue=on&sort=-flight_risk"),
            ("pool, last page", "/candidates/?page=last"),
            ("pool CSV", "/candidates/?export=csv"),
            ("9-box", "/candidates/ninebox/"),
            ("key positions", "/candidates/positions/"),
            ("position detail", f"/candidates/positions/{position.pk}/"),
            ("candidate profile", f"/candidates/{candidate.pk}/"),
        ]
        self.stdout.write(
            f"{Person.objects.count()} people, {Candidate.objects.count()} candidates, "
            f"{KeyPosition.objects.count()} key positions; {connection.vendor}; as {user}; "
            f"{repeat} requests per page"
        )
        self.stdout.write(
            f"{'page':<20} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'rows':>6}"
        )
        for name, url in pages:
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    body = (
                        b"".join(response.streaming_content)
                        if response.streaming
                        else response.content
                    )
                    timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            rows = body.count(b"\n") - 1 if response.streaming else ""
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            self.stdout.write(
                f"{name:<20} {len(queries):>7} {statistics.median(timings):>10.1f} "
                f"{p95:>8.1f} {rows!s:>6}"
            )
