import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from candidates.models import Candidate, CandidateStatus, Person
from mentorship.models import MentorPairing
from reports.models import ProgrammeMonth
from reviews.models import ReviewCandidate, TalentReview
from reviews.services import snapshots_now
from succession.models import KeyPosition, SuccessorNomination


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

    def bench_reviews(self, size: int, user) -> tuple[TalentReview, TalentReview]:
        """A review in progress and a closed one, each with ``size`` candidates on the
        agenda (made once, kept for reruns)."""
        found = []
        for state in (TalentReview.State.IN_PROGRESS, TalentReview.State.CLOSED):
            name = f"Benchmark review of {size} ({state})"
            review = TalentReview.objects.filter(name=name).first()
            if review is None:
                me = Person.objects.get(user=user)
                root = Person.objects.filter(manager__isnull=True).order_by("pk").first()
                review = TalentReview.objects.create(
                    name=name,
                    held_on=timezone.localdate(),
                    scope_head=root,
                    facilitator=me,
                    created_by=me,
                    state=state,
                )
                ids = list(
                    Candidate.objects.filter(status=CandidateStatus.ACTIVE)
                    .order_by("pk")
                    .values_list("pk", flat=True)[:size]
                )
                snapshots = snapshots_now(ids)
                ReviewCandidate.objects.bulk_create(
                    ReviewCandidate(
                        review=review,
                        candidate_id=pk,
                        added_by=me,
                        start=snapshots[pk],
                        end=snapshots[pk],
                    )
                    for pk in ids
                )
            found.append(review)
        return found[0], found[1]

    def handle(self, *args, people, repeat, user, review_size, **options):
        # Long on purpose: a benchmark's script, read top to bottom (seed, measure, print).
        if Person.objects.count() != people:
            self.stdout.write(f"Seeding a demo org of {people} people…")
            call_command("seed_demo", people=people, force=True, stdout=self.stdout)
        client = Client()
        client.force_login(get_user_model().objects.get(username=user))
        candidate = Candidate.objects.order_by("pk").first()
        position = KeyPosition.objects.order_by("-level", "pk").first()
        running, closed = self.bench_reviews(
            review_size, get_user_model().objects.get(username=user)
        )
        on_agenda = running.agenda.count()
        nomination = (
            SuccessorNomination.objects.filter(is_active=True)
            .annotate(n=Count("evidence"))
            .order_by("-n", "pk")
            .first()
        )
        months = ProgrammeMonth.objects.count()
        casey = Candidate.objects.get(person__user__username="candidate")
        pairing = MentorPairing.objects.filter(
            mentor__user__username="mentor", status="active"
        ).first()
        agreement = casey.agreements.order_by("pk").first()
        browsers = {}
        for username in ("manager", "mentor", "candidate", "admin"):
            browsers[username] = Client()
            browsers[username].force_login(get_user_model().objects.get(username=username))
        pages = [
            ("talent pool", "/candidates/"),
            ("pool, filtered", "/candidates/?readiness=ready_now&overdue=on&sort=-flight_risk"),
            ("pool, last page", "/candidates/?page=last"),
            ("pool CSV", "/candidates/?export=csv"),
            ("9-box", "/candidates/ninebox/"),
            ("key positions", "/candidates/positions/"),
            ("position detail", f"/candidates/positions/{position.pk}/"),
            ("candidate profile", f"/candidates/{candidate.pk}/"),
            (f"review board ({on_agenda})", f"/reviews/{running.pk}/board/"),
            (f"review agenda ({on_agenda})", f"/reviews/{running.pk}/"),
            (f"what moved ({on_agenda})", f"/reviews/{closed.pk}/moved/"),
            ("readiness & evidence", f"/candidates/nominations/{nomination.pk}/readiness/"),
            ("plan from gaps", f"/candidates/{nomination.candidate_id}/plan/"),
            (f"reports ({months} months)", "/reports/"),
            ("reports, one position", f"/reports/?position={nomination.position_id}"),
            ("reports, series CSV", "/reports/ready_now.csv"),
            ("development overview", "/candidates/development/"),
            ("nominate", "/candidates/nominate/"),
            ("review list", "/reviews/"),
            ("notifications", "/mentorship/notifications/"),
            ("targets (level)", "/candidates/targets/level/5/"),
            ("targets (position)", f"/candidates/positions/{position.pk}/targets/"),
            ("experience catalogue", "/candidates/development/ideas/"),
            ("Django admin: people", "/admin/candidates/person/", browsers["admin"]),
            ("mentor home", "/mentorship/", browsers["mentor"]),
            (
                "pairing meetings",
                f"/mentorship/pairings/{pairing.pk}/meetings/",
                browsers["mentor"],
            ),
            (
                "log a meeting",
                f"/mentorship/pairings/{pairing.pk}/meetings/new/",
                browsers["mentor"],
            ),
            ("agreement", f"/agreements/{agreement.pk}/", browsers["candidate"]),
            ("/me/", "/me/", browsers["candidate"]),
            ("profile (as mentor)", f"/candidates/{casey.pk}/", browsers["mentor"]),
        ]
        self.stdout.write(
            f"{Person.objects.count()} people, {Candidate.objects.count()} candidates, "
            f"{KeyPosition.objects.count()} key positions; {connection.vendor}; as {user}; "
            f"{repeat} requests per page"
        )
        self.stdout.write(
            f"{'page':<36} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'rows':>6} {'KB':>6}"
        )
        pages.append((f"reports ({months} months, as manager)", "/reports/", browsers["manager"]))
        for name, url, *browser in pages:
            browser = browser[0] if browser else client
            queries, timings, response, body = self.measure(browser, url, repeat)
            rows = body.count(b"\n") - 1 if response.streaming else ""
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            self.stdout.write(
                f"{name:<36} {queries:>7} {statistics.median(timings):>10.1f} "
                f"{p95:>8.1f} {rows!s:>6} {len(body) / 1024:>6.0f}"
            )

    def measure(self, browser, url: str, repeat: int):
        timings = []
        for _ in range(repeat):
            reset_queries()  # the log keeps 9,000 queries: a full one would capture none
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = browser.get(url)
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        # The context reads the log when asked: count now, before the next measure.
        return len(queries), timings, response, body
