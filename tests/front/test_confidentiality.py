"""On every page that shows a person, a manager outside the line, a manager who is
themself a candidate, and a mentor see no confidential field of anyone out of their
reach (docs/product.md, "Confidentiality"). Each secret is a flight-risk reason no page may
show to them; the director, whose line it is, is the control."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def secrets(org):
    """alice (a manager, incumbent of the EMEA position) is also a candidate; cand and
    other are both nominated to succeed her."""
    alice = factories.CandidateFactory(
        person=org.alice,
        nominated_by=org.director,
        flight_risk="high",
        flight_risk_reason="ALICE-SECRET",
    )
    org.cand.flight_risk_reason = "CAND-SECRET"
    org.cand.save()
    org.other.flight_risk_reason = "OTHER-SECRET"
    org.other.save()
    factories.NominationFactory(candidate=org.cand, position=org.position, readiness="ready_now")
    factories.NominationFactory(candidate=org.other, position=org.position, readiness="ready_now")
    return alice


def page(client, user, name, *args):
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    return response, response.content.decode()


def test_key_positions_show_the_incumbents_flight_risk_to_their_line_only(client, org, secrets):
    response, _ = page(client, org.director.user, "succession:positions")
    (position,) = response.context["page"].object_list
    assert position.incumbent_flight_risk == "high"  # alice is in the director's line
    assert (position.ready_now, position.bench_outside) == (1, 1)  # cand in, other out

    for viewer in (org.alice, org.outsider, org.mentor):
        response, content = page(client, viewer.user, "succession:positions")
        (position,) = response.context["page"].object_list
        assert position.incumbent_flight_risk is None, viewer
        assert "ALICE-SECRET" not in content


def test_a_manager_who_is_a_candidate_never_sees_their_own_flight_risk(client, org, secrets):
    response, content = page(client, org.alice.user, "succession:positions")
    assert "High" not in content.split("<tbody>")[1]
    assert page(client, org.alice.user, "front:profile", secrets.pk)[0].status_code == 404
    response, content = page(client, org.alice.user, "front:pool")
    assert {c.person.full_name for c in response.context["page"].object_list} == {"Cand"}


def test_the_position_page_names_and_rates_only_the_viewers_line(client, org, secrets):
    response, content = page(
        client, org.outsider.user, "succession:position_detail", org.position.pk
    )
    assert [n.candidate for n in response.context["nominations"]] == [org.other]
    assert response.context["bench_outside"] == 1
    assert "CAND-SECRET" not in content and ">Cand<" not in content
    assert "1 successor outside your line" in content

    response, content = page(client, org.alice.user, "succession:position_detail", org.position.pk)
    assert [n.candidate for n in response.context["nominations"]] == [org.cand]
    assert "OTHER-SECRET" not in content and "ALICE-SECRET" not in content


def test_the_mentor_sees_the_mentee_without_ratings(client, org, secrets):
    response, content = page(client, org.mentor.user, "front:profile", org.cand.pk)
    assert response.status_code == 200
    assert "CAND-SECRET" not in content and "Flight risk" not in content
    assert "ratings_card" not in response.context
    assert not hasattr(response.context["candidate"], "flight_risk")
    assert not hasattr(response.context["candidate"], "performance")


def test_the_candidate_plan_carries_no_rating(client, org, secrets):
    response, content = page(client, org.cand_person.user, "me")
    assert "CAND-SECRET" not in content
    assert not hasattr(response.context["candidate"], "flight_risk")


@pytest.mark.parametrize(
    "who, status",
    [
        ("outsider", 200),  # a manager of another branch: their own, empty of cand
        ("mentor", 200),  # also manages a branch
        ("bob", 200),  # manages nobody... but "nobody" reports to him
        ("cand_person", 404),  # no line at all
    ],
)
def test_the_manager_pages_are_404_or_empty_out_of_the_line(client, org, secrets, who, status):
    user = getattr(org, who).user
    for name in ("front:pool", "front:ninebox"):
        response, content = page(client, user, name)
        assert response.status_code == status
        assert "CAND-SECRET" not in content and "ALICE-SECRET" not in content
    csv = client.get(reverse("front:pool"), {"export": "csv"})
    if csv.status_code == 200:
        body = b"".join(csv.streaming_content).decode()
        assert "Cand," not in body and "Alice," not in body
