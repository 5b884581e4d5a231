"""Every create form is idempotent against a double click and a replay (a one-time token
in the form), and a race on a unique rule ends in a form message, never a 500."""

import datetime as dt
import threading
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from agreements.models import AgreementVersion, Commitment
from candidates.models import Candidate, CompetencyRating, TalentRating
from development.models import (
    BenchmarkVisit,
    Conference,
    Rotation,
    StretchAssignment,
    TaskForce,
    Training,
)
from mentorship.models import Meeting
from succession.models import SuccessorNomination
from tests import factories

TODAY = dt.date.today()


def _forms(org):
    """(who posts, url, data, the model that must gain exactly one row)."""
    # Long on purpose: one story (or one fixture table) read top to bottom.
    AgreementVersion.objects.get_or_create(
        agreement=org.agreement, number=1, defaults={"terms": [], "created_by": org.director}
    )
    conference = factories.ConferenceFactory(
        candidate=org.cand, report_submitted_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    )
    return {
        "stretch": (
            org.alice,
            reverse("development:stretch_new", args=[org.cand.pk]),
            {
                "title": "Own the Q3 escalation",
                "kind": "decision",
                "description": "D",
                "safety_net": org.alice.pk,
                "starts_on": TODAY.isoformat(),
            },
            StretchAssignment,
        ),
        "conference": (
            org.alice,
            reverse("development:conference_new", args=[org.cand.pk]),
            {
                "name": "SupportConf",
                "starts_on": TODAY.isoformat(),
                "ends_on": TODAY.isoformat(),
                "trip_report_due_on": (TODAY + dt.timedelta(days=14)).isoformat(),
                "budget": "100",
                "currency": "EUR",
                "assignment": "Ideas",
            },
            Conference,
        ),
        "benchmark": (
            org.alice,
            reverse("development:benchmark_new", args=[org.cand.pk]),
            {"company": "Globex", "visit_on": (TODAY + dt.timedelta(days=10)).isoformat()},
            BenchmarkVisit,
        ),
        "training": (
            org.alice,
            reverse("development:training_new", args=[org.cand.pk]),
            {"name": "Negotiation", "kind": "course", "starts_on": TODAY.isoformat()},
            Training,
        ),
        "rotation": (
            org.alice,
            reverse("development:rotation_new"),
            {
                "person": org.cand_person.pk,
                "direction": "outbound",
                "role": "project_lead",
                "host_department": org.rnd.pk,
                "host_sponsor": org.mentor.pk,
                "objectives": "Ship",
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + dt.timedelta(days=60)).isoformat(),
            },
            Rotation,
        ),
        "meeting": (
            org.mentor,
            reverse("mentorship:meeting_new", args=[org.pairing.pk]),
            {
                "held_on": TODAY.isoformat(),
                "duration_minutes": 45,
                "format": "video",
                "shared_notes": "Notes",
                "items-TOTAL_FORMS": "0",
                "items-INITIAL_FORMS": "0",
                "items-MIN_NUM_FORMS": "0",
                "items-MAX_NUM_FORMS": "10",
            },
            Meeting,
        ),
        "commitment": (
            org.director,
            reverse("agreements:commitment_new", args=[org.agreement.pk]),
            {"side": "company", "category": "training", "description": "Executive programme"},
            Commitment,
        ),
        "proposal": (
            org.cand_person,
            reverse("agreements:commitment_new", args=[org.agreement.pk]),
            {"side": "candidate", "category": "classes", "description": "Night school"},
            Commitment,
        ),
        "rating": (
            org.alice,
            reverse("candidates:rate", args=[org.cand.pk]),
            {"performance": 2, "potential": 3, "flight_risk": "low", "reason": "Q3 review"},
            TalentRating,
        ),
        "competencies": (
            org.alice,
            reverse("candidates:rate_competencies", args=[org.cand.pk]),
            {"rated_on": TODAY.isoformat(), "note": "Seen"},
            CompetencyRating,
        ),
        "task force": (
            org.alice,
            reverse("development:conference_detail", args=[conference.pk]),
            {"form": "launch", "idea": "A knowledge base for tier 1"},
            TaskForce,
        ),
    }


def _competency(data):
    from candidates.models import Competency

    return {**data, f"competency_{Competency.objects.get(name='Empathy').pk}": "4"}


FORMS = [
    "stretch",
    "conference",
    "benchmark",
    "training",
    "rotation",
    "meeting",
    "commitment",
    "proposal",
    "rating",
    "competencies",
    "task force",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORMS)
def test_a_double_click_creates_one_record_and_lands_on_the_first_result(client, org, name):
    person, url, data, model = _forms(org)[name]
    if name == "competencies":
        data = _competency(data)
    token = uuid.uuid4().hex
    client.force_login(person.user)
    before = model.objects.count()
    first = client.post(url, {**data, "submission_token": token})
    assert first.status_code == 302, first.content.decode()[:2000]
    second = client.post(url, {**data, "submission_token": token}, follow=True)
    assert model.objects.count() == before + 1
    assert second.redirect_chain[0][0] == first["Location"]
    assert "Already saved: that form was sent twice" in second.content.decode()


@pytest.mark.django_db
def test_a_refused_post_leaves_its_token_free_for_the_corrected_one(client, org):
    person, url, data, model = _forms(org)["conference"]
    token = uuid.uuid4().hex
    client.force_login(person.user)
    before = model.objects.count()
    refused = client.post(url, {**data, "budget": "-1", "submission_token": token})
    assert refused.status_code == 200
    assert client.post(url, {**data, "submission_token": token}).status_code == 302
    assert model.objects.count() == before + 1


@pytest.mark.django_db
def test_a_replayed_token_of_someone_else_is_not_theirs(client, org):
    person, url, data, model = _forms(org)["stretch"]
    token = uuid.uuid4().hex
    client.force_login(person.user)
    client.post(url, {**data, "submission_token": token})
    client.force_login(org.director.user)
    replay = client.post(url, {**data, "submission_token": token})
    assert replay.status_code == 302  # another person's token: "already saved", nothing made
    assert model.objects.count() == 1


def _at_once(posts):
    """Run the posts at the same instant in two threads; their responses."""
    barrier = threading.Barrier(len(posts))
    results, errors = [None] * len(posts), []

    def run(index, post):
        try:
            barrier.wait(timeout=10)
            results[index] = post()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
    # SQLite's in-memory test database serialises writes; on PostgreSQL two requests in
    # two threads really race.

    @pytest.mark.django_db(transaction=True)
    @pytest.mark.parametrize(
        "name", ["stretch", "conference", "meeting", "commitment", "task force"]
    )
    def test_two_posts_of_one_form_at_the_same_instant_create_one_record(org, name):
        person, url, data, model = _forms(org)[name]
        token = uuid.uuid4().hex
        before = model.objects.count()

        def post():
            client = Client()
            client.force_login(person.user)
            return client.post(url, {**data, "submission_token": token}).status_code

        assert _at_once([post, post]) == [302, 302]
        assert model.objects.count() == before + 1

    @pytest.mark.django_db(transaction=True)
    def test_two_nominations_of_one_person_at_once_end_in_a_message_not_a_500(org):
        newcomer = factories.PersonFactory(manager=org.alice, full_name="New Person", level=2)

        def post():
            client = Client()
            client.raise_request_exception = False
            client.force_login(org.alice.user)
            return client.post(
                reverse("candidates:nominate"),
                {
                    "person": newcomer.pk,
                    "reason": "Strong",
                    "performance": 3,
                    "potential": 3,
                    "flight_risk": "low",
                    "submission_token": uuid.uuid4().hex,
                },
            ).status_code

        assert sorted(_at_once([post, post])) == [200, 302]
        assert Candidate.objects.filter(person=newcomer).count() == 1

    @pytest.mark.django_db(transaction=True)
    def test_two_successor_nominations_at_once_end_in_a_message_not_a_500(org):
        lead = factories.KeyPositionFactory(
            title="Lead T2", department=org.support, level=3, incumbent=org.bob
        )

        def post():
            client = Client()
            client.raise_request_exception = False
            client.force_login(org.alice.user)
            return client.post(
                reverse("succession:nominate_successor", args=[org.cand.pk]),
                {
                    "position": lead.pk,
                    "readiness": "1_2_years",
                    "submission_token": uuid.uuid4().hex,
                },
            ).status_code

        assert sorted(_at_once([post, post])) == [200, 302]
        assert SuccessorNomination.objects.filter(position=lead, is_active=True).count() == 1
