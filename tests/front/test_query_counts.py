"""The pages without a query-count test of their own: each runs the same number of
queries at two sizes, pinned exactly, with the queries named."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from candidates.models import Competency, Level
from development.models import ExperienceIdea
from notifications.models import Notification
from reports.services import snapshot_backfill
from reviews import services as review_services
from succession.models import CompetencyTarget
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db


def grow(org, size: int) -> None:
    """``size`` of everything these pages list."""
    for i in range(size):
        Notification.objects.create(
            recipient=org.vp.user,
            kind="checkin_due",
            item_key=f"pairing:{i}",
            period_key="2026-11-01",
            title=f"Check-in {i}",
        )
        review_services.review_create(
            actor=actor_of(org.vp),
            name=f"Review {i}",
            held_on=dt.date.today(),
            scope="line",
            scope_head=org.director,
            scope_positions=[],
            facilitator=org.vp,
            participants=[org.alice],
        )
        position = factories.KeyPositionFactory(title=f"Seat {i}", department=org.support)
        CompetencyTarget.objects.create(
            position=position, competency=Competency.objects.order_by("pk")[i % 10], target=4
        )
        ExperienceIdea.objects.create(
            competency=Competency.objects.order_by("pk")[i % 10],
            kind="training",
            description=f"Course {i}",
        )


PAGES = [
    # user (the session: cache), the actor (one query), the notices' count, one page of them
    ("notifications:list", [], 4),
    # user (the session: cache), the actor, the reviews in sight with their figures, the
    # audit row
    ("reviews:list", [], 4),
    # user (the session: cache), the actor, targets per level, positions with their own targets
    ("succession:targets", [], 4),
    # user (the session: cache), the actor, the level's targets, the competencies
    ("succession:targets_level", [Level.MANAGER], 4),
    # user (the session: cache), the actor, the catalogue with its competencies, the competency
    # picker of the add form
    ("development:ideas", [], 4),
]


@pytest.mark.parametrize("size", [1, 8])
@pytest.mark.parametrize("name,args,queries", PAGES)
def test_the_page_costs_the_same_queries_whatever_its_rows(
    client, org, size, name, args, queries, django_assert_num_queries
):
    grow(org, size)
    client.force_login(org.vp.user)
    url = reverse(name, args=args)
    client.get(url)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_a_positions_targets_and_its_fill_page_cost_the_same_queries(
    client, org, size, django_assert_num_queries
):
    grow(org, size)
    client.force_login(org.vp.user)
    targets = reverse("succession:targets_position", args=[org.position.pk])
    fill = reverse("succession:position_fill", args=[org.position.pk])
    # user (the session: cache), the actor, the position, the level's targets, its own targets,
    # the competencies; the audit row (the position's bench was read)
    with django_assert_num_queries(7):
        assert client.get(targets).status_code == 200
    # user (the session: cache), the actor, the position; the audit row
    with django_assert_num_queries(4):
        assert client.get(fill).status_code == 200


@pytest.mark.parametrize("months", [2, 24])
def test_a_series_csv_costs_the_same_queries_whatever_the_history(
    client, org, months, django_assert_num_queries
):
    snapshot_backfill(months=months)
    client.force_login(org.vp.user)
    url = reverse("reports:series_csv", args=["ready_now"])
    # user (the session: cache), the actor, the months (with HR's kept totals); the audit
    # row (INSERT)
    with django_assert_num_queries(4):
        response = client.get(url)
        body = b"".join(response.streaming_content).decode()
    shown = min(months + 1, 24)  # this month and the ones rebuilt; two years at most
    assert len(body.splitlines()) == shown + 1


def _more_candidates(org, size: int) -> None:
    """``size`` more candidates in alice's team, like cand: successors one could nominate
    for her position, mentees one could pair."""
    for _ in range(size):
        factories.CandidateFactory(
            person=factories.PersonFactory(
                manager=org.alice, level=org.cand_person.level, department=org.support
            ),
            nominated_by=org.alice,
        )


@pytest.mark.parametrize("size", [1, 60])  # 60: past the 50 a picker lists
def test_the_pages_with_a_candidate_picker_cost_the_same_queries(
    client, org, size, django_assert_num_queries
):
    _more_candidates(org, size)
    client.force_login(org.vp.user)
    position = reverse("succession:position_detail", args=[org.position.pk])
    pairing = reverse("mentorship:pairing_new")
    client.get(position)
    # user (the session: cache), the actor; the position, its nominations with their
    # candidates (none: no evidence to read), its must-haves, how many outside the line,
    # the withdrawn ones; whether anyone may be nominated, the picker's first 51; the
    # audit row
    with django_assert_num_queries(10):
        response = client.get(position)
    picker = re.search(r'<select name="candidate".*?</select>', response.content.decode(), re.S)
    listed = picker.group(0).count("<option") - 1  # less the empty choice
    assert listed == (size + 2 if size < 50 else 20)  # cand, other, the new; searched past 50
    # user (the session: cache), the actor; whether any candidate may be paired, the
    # candidate picker's first 51, the mentor picker's
    with django_assert_num_queries(5):
        assert client.get(pairing).status_code == 200
