"""A manager rates the flight risk of anyone in their line, pool or not; a key position
whose incumbent may leave, with a thin bench, is at risk for it."""

import pytest
from django.urls import reverse

from candidates.models import CandidateEvent, PersonFlightRisk
from tests import factories

pytestmark = pytest.mark.django_db


def rate(client, person, risk="high", reason="Interviewing elsewhere, told me at the 1:1"):
    return client.post(
        reverse("front:person_flight_risk", args=[person.pk]),
        {"risk": risk, "reason": reason},
        follow=True,
    )


def test_a_manager_rates_an_incumbent_outside_the_pool_and_the_seat_is_at_risk(client, org):
    seat = factories.KeyPositionFactory(title="Support team lead – Lisbon", incumbent=org.bob)
    client.force_login(org.alice.user)
    positions = client.get(reverse("succession:positions")).content.decode()
    assert "incumbent may leave" not in positions
    detail = client.get(reverse("succession:position_detail", args=[seat.pk])).content.decode()
    assert reverse("front:person_flight_risk", args=[org.bob.pk]) in detail
    page = rate(client, org.bob).content.decode()
    assert "Bob: flight risk high." in page
    assert "Interviewing elsewhere, told me at the 1:1" in page  # the history
    read = PersonFlightRisk.objects.get(person=org.bob)
    assert (read.risk, read.rated_by) == ("high", org.alice)
    positions = client.get(reverse("succession:positions")).content.decode()
    assert "incumbent may leave, thin bench" in positions
    # Lower again: the risk goes.
    rate(client, org.bob, risk="low", reason="Promoted, staying")
    positions = client.get(reverse("succession:positions")).content.decode()
    assert "incumbent may leave" not in positions


def test_a_candidates_pool_rating_follows_the_read(client, org):
    client.force_login(org.alice.user)
    rate(client, org.cand_person)
    org.cand.refresh_from_db()
    assert (org.cand.flight_risk, org.cand.flight_risk_reason) == (
        "high",
        "Interviewing elsewhere, told me at the 1:1",
    )
    assert CandidateEvent.objects.filter(candidate=org.cand, summary="Flight risk: high").exists()


def test_without_a_reason_nothing_is_saved(client, org):
    client.force_login(org.alice.user)
    response = rate(client, org.bob, reason="  ")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not PersonFlightRisk.objects.exists()


@pytest.mark.parametrize(
    "who, whom",
    [
        ("outsider", "bob"),  # another branch
        ("mentor", "bob"),
        ("cand_person", "bob"),  # no line
        ("bob", "cand_person"),  # a peer, not in his line
        ("alice", "alice"),  # never one's own
        ("alice", "director"),  # above, not in the line
        ("nobody", "bob"),
    ],
)
def test_nobody_else_reads_or_rates_it(client, org, who, whom):
    client.force_login(getattr(org, who).user)
    url = reverse("front:person_flight_risk", args=[getattr(org, whom).pk])
    assert client.get(url).status_code == 404
    assert rate(client, getattr(org, whom)).status_code == 404
    assert not PersonFlightRisk.objects.exists()


@pytest.mark.parametrize("reads", [1, 6])
def test_the_page_costs_the_same_queries_whatever_its_history(
    client, org, reads, django_assert_num_queries
):
    for _ in range(reads):
        PersonFlightRisk.objects.create(
            person=org.bob, risk="medium", reason="r", rated_by=org.alice, rated_on=factories.TODAY
        )
    client.force_login(org.alice.user)
    # user (the session: cache), the actor, the person, their last ten reads; the audit row
    with django_assert_num_queries(5):
        assert client.get(reverse("front:person_flight_risk", args=[org.bob.pk])).status_code == 200
