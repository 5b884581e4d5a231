"""A deterministic, realistic demo organisation (``python manage.py seed_demo``), built
by one part per app (``demo/builders/``), put together here.

The same ``--people`` and ``--seed`` on the same day give the same org; dates are relative
to today so the demo always looks alive (check-ins due, reports overdue, reviews near).
"""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from agreements.defaults import commitment_templates_ensure
from candidates.defaults import competencies_ensure
from candidates.models import CandidateEvent, Person
from demo.builders.agreements import AgreementDemo
from demo.builders.development import DevelopmentDemo
from demo.builders.mentoring import MentoringDemo
from demo.builders.programme import ProgrammeDemo
from demo.builders.reviews import ReviewDemo
from demo.builders.succession import SuccessionDemo
from demo.builders.support import SupportDemo
from demo.builders.talent import DemoResult, TalentDemo
from development.defaults import experience_ideas_ensure
from mentorship.defaults import topics_ensure
from reports.services import snapshot_backfill

DEMO_PASSWORD = "supportlead-demo"
DEMO_USERNAMES = ("manager", "mentor", "candidate", "hr", "jordan", "admin")


def defaults_ensure() -> None:
    """The competency model, meeting topics, commitment templates and the experience
    catalogue the migrations load (a flushed database has lost them: each app puts its
    own back)."""
    competencies_ensure()
    topics_ensure()
    commitment_templates_ensure()
    experience_ideas_ensure()


def database_is_empty() -> bool:
    return not Person.objects.exists()


def demo_org_clear() -> None:
    """Empty the database (Django's ``flush``: every table, then the content types and
    permissions again), and put back the defaults the migrations load."""
    call_command("flush", interactive=False, verbosity=0)
    defaults_ensure()


class DemoOrg(
    ProgrammeDemo,
    SuccessionDemo,
    ReviewDemo,
    DevelopmentDemo,
    SupportDemo,
    AgreementDemo,
    MentoringDemo,
    TalentDemo,
):
    """Each app's part, in the order of the layers."""

    def build(self) -> DemoResult:
        self.build_people()
        self.build_candidates()
        self.build_positions()
        self.build_mentorship()
        self.build_agreements()
        self.build_development()
        self.build_support()
        self.build_follow_ups()
        self.build_reviews()
        self.build_programme()
        self.build_insights()
        self.build_succession()
        CandidateEvent.objects.bulk_create(self.events, batch_size=5000)
        # Two years of the programme's health, rebuilt from the history just made.
        snapshot_backfill(months=24, today=self.today)
        return DemoResult(
            people=len(self.people),
            candidates=len(self.candidates),
            key_positions=len(self.positions),
            pairings=len(self.pairings),
            meetings=len(self.meetings),
            agreements=len(self.agreements),
            rotations=len(self.rotations),
        )


def demo_org_build(
    *, people: int, seed: int = 2026, password: str = DEMO_PASSWORD, today: dt.date | None = None
) -> DemoResult:
    """Build the demo org in one transaction (the database must be empty)."""
    builder = DemoOrg(
        people=people, seed=seed, password=password, today=today or timezone.localdate()
    )
    with transaction.atomic():
        defaults_ensure()
        result = builder.build()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return result
