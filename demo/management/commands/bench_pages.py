import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from candidates.models import Candidate, Person
from demo.bench import bench_pages
from succession.models import KeyPosition


class Command(BaseCommand):
    help = (
        "Seed (or reuse) a demo org of --people and print, for each manager page, its SQL "
        "query count and the median / p95 server-side time over --repeat requests."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=1000)
        parser.add_argument("--repeat", type=int, default=15)
        parser.add_argument("--user", default="hr", help="Who browses (hr sees everyone).")
        parser.add_argument(
            "--review-size", type=int, default=500, help="Candidates on the benchmark review."
        )
        parser.add_argument(
            "--only", default="", help="Measure only the pages whose name holds this text."
        )

    def handle(self, *args, people, repeat, user, review_size, only, **options):
        # Long on purpose: a benchmark's script, read top to bottom (seed, measure, print).
        if Person.objects.count() != people:
            self.stdout.write(f"Seeding a demo org of {people} people…")
            call_command("seed_demo", people=people, force=True, stdout=self.stdout)
        client = Client()
        client.force_login(get_user_model().objects.get(username=user))
        pages = bench_pages(user, review_size)
        browsers = {}
        for username in ("manager", "mentor", "candidate", "admin"):
            browsers[username] = Client()
            browsers[username].force_login(get_user_model().objects.get(username=username))
        self.stdout.write(
            f"{Person.objects.count()} people, {Candidate.objects.count()} candidates, "
            f"{KeyPosition.objects.count()} key positions; {connection.vendor}; as {user}; "
            f"{repeat} requests per page"
        )
        self.stdout.write(
            f"{'page':<36} {'queries':>7} {'median ms':>10} {'sql ms':>7} {'p95 ms':>8} "
            f"{'rows':>6} {'KB':>6}"
        )
        medians = {}
        for name, url, *other in pages:
            if only and only not in name and not name.startswith("Django admin"):
                continue
            browser = browsers[other[0]] if other else client
            if browser.get(url, secure=True).status_code == 404:
                self.stdout.write(f"{name:<36} {'not this user’s page':>30}")
                continue
            queries, timings, sql, response, body = self.measure(browser, url, repeat)
            rows = body.count(b"\n") - 1 if response.streaming else ""
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            medians[name] = statistics.median(timings)
            self.stdout.write(
                f"{name:<36} {queries:>7} {medians[name]:>10.1f} {statistics.median(sql):>7.1f} "
                f"{p95:>8.1f} {rows!s:>6} {len(body) / 1024:>6.0f}"
            )
        # The peers: Django admin's candidate changelist and change page, measured in
        # turns with our page (one request each, alternately), so that the machine's
        # drift falls on both alike.
        urls = {name: (url, browsers[o[0]] if o else client) for name, url, *o in pages}
        for ours, peer in (
            ("talent pool", "Django admin: candidates"),
            ("candidate profile", "Django admin: a person"),
        ):
            if ours not in medians:
                continue
            timings = {ours: [], peer: []}
            for _ in range(repeat * 2):
                for name in (ours, peer):
                    url, browser = urls[name]
                    started = time.perf_counter()
                    self.fetch(browser, url)
                    timings[name].append((time.perf_counter() - started) * 1000)
            a, b = statistics.median(timings[ours]), statistics.median(timings[peer])
            self.stdout.write(f"{ours} / {peer}, in turns: {a / b:.2f}x ({a:.1f} / {b:.1f} ms)")

    def measure(self, browser, url: str, repeat: int):
        """The query count of one request (logged, so not timed), then ``repeat`` timed
        requests with the time spent in the database summed by an execute wrapper."""
        reset_queries()  # the log keeps 9,000 queries: a full one would capture none
        with CaptureQueriesContext(connection) as captured:
            self.fetch(browser, url)
        count = len(captured)
        timings, sql = [], []
        for _ in range(repeat):
            spent = [0.0]

            def timed(execute, sql_text, params, many, context, spent=spent):
                started = time.perf_counter()
                try:
                    return execute(sql_text, params, many, context)
                finally:
                    spent[0] += time.perf_counter() - started

            with connection.execute_wrapper(timed):
                started = time.perf_counter()
                response, body = self.fetch(browser, url)
                timings.append((time.perf_counter() - started) * 1000)
            sql.append(spent[0] * 1000)
        timings.sort()
        return count, timings, sql, response, body

    def fetch(self, browser, url: str):
        # Over HTTPS, as production serves it (DEBUG=0 redirects plain HTTP).
        response = browser.get(url, secure=True)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200, (url, response.status_code)
        return response, body
