"""Calibration checks, on a talent review's board and agenda and on /reports/calibration/:
a rater apart from the rest (above or below), potential rated on no evidence of the last
12 months, the gap between performance and potential by group (five or more only), and
each nominator's "ready now" against the seats' must-haves."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from candidates.models import Level
from succession.models import MustHave, Readiness, ReadinessEvidence
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY
CALIBRATION = reverse("reports:calibration")


def rated(org, name, *, rater, performance, potential, manager=None, location="Lisbon"):
    person = factories.login_person(
        name, manager=manager or org.alice, level=Level.ENGINEER, location=location
    )
    candidate = factories.CandidateFactory(
        person=person, nominated_by=org.alice, performance=performance, potential=potential
    )
    factories.TalentRatingFactory(
        candidate=candidate, performance=performance, potential=potential, rated_by=rater
    )
    return candidate


def checks(client, who):
    client.force_login(who.user)
    response = client.get(CALIBRATION)
    assert response.status_code == 200
    return response.context["calibration"]


# --- Raters apart -----------------------------------------------------------------------


def test_a_rater_below_the_rest_is_flagged_as_well_as_one_above(client, org):
    for n in range(3):
        rated(org, f"low{n}", rater=org.director, performance=1, potential=1)
    for n in range(3):
        rated(org, f"mid{n}", rater=org.alice, performance=3, potential=2)
    rated(org, "lone", rater=org.bob, performance=3, potential=3)  # one person: not a pattern
    flagged = checks(client, org.vp)["raters_apart"]
    assert [(f["rater"], f["people"], f["direction"]) for f in flagged] == [
        ("Director", 3, "below"),
        ("Alice", 4, "above"),  # her three and cand (3 + 3, no rating: their manager)
        # the outsider (other's manager, one person) and the lone rater: not flagged
    ]


def test_raters_within_a_point_are_not_flagged(client, org):
    for n in range(3):
        rated(org, f"a{n}", rater=org.director, performance=2, potential=3)
    for n in range(3):
        rated(org, f"b{n}", rater=org.alice, performance=2, potential=3)
    assert checks(client, org.vp)["raters_apart"] == []


# --- Potential on no evidence -----------------------------------------------------------


def test_potential_with_nothing_of_the_last_year_behind_it_is_listed(client, org):
    backed = rated(org, "backed", rater=org.alice, performance=2, potential=3)
    stale = rated(org, "stale", rater=org.alice, performance=2, potential=3)
    factories.RotationFactory(
        person=backed.person,
        starts_on=TODAY - dt.timedelta(days=120),
        ends_on=TODAY - dt.timedelta(days=31),
        status="completed",
        objectives_met=True,
        assessed_on=TODAY - dt.timedelta(days=30),
        assessed_by=org.mentor,
    )
    factories.RotationFactory(
        person=stale.person,
        starts_on=TODAY - dt.timedelta(days=600),
        ends_on=TODAY - dt.timedelta(days=500),
        status="completed",
        objectives_met=True,
        assessed_on=TODAY - dt.timedelta(days=450),  # older than a year
        assessed_by=org.mentor,
    )
    names = {r.name for r in checks(client, org.vp)["potential_unbacked"]}
    assert "Stale" in names and "Backed" not in names


def test_a_mentors_read_of_potential_backs_it(client, org):
    page = client
    checks_before = {r.name for r in checks(page, org.vp)["potential_unbacked"]}
    assert "Cand" in checks_before
    org.meeting.potential_read = 3
    org.meeting.save()
    assert "Cand" not in {r.name for r in checks(page, org.vp)["potential_unbacked"]}


# --- The gap by group -------------------------------------------------------------------


def test_a_group_is_shown_from_five_people_and_smaller_ones_only_counted(client, org):
    for n in range(5):
        rated(org, f"lis{n}", rater=org.alice, performance=3, potential=1, location="Lisbon")
    for n in range(4):
        rated(org, f"por{n}", rater=org.alice, performance=1, potential=3, location="Porto")
    (location, *_) = checks(client, org.vp)["gaps"]
    assert location["title"] == "Location"
    assert [(g["label"], g["people"], g["gap"]) for g in location["groups"]] == [("Lisbon", 5, 2.0)]
    # Porto's four; cand and other (no location): two groups too small to show.
    assert (location["hidden_groups"], location["hidden_people"]) == (2, 6)
    page = client.get(CALIBRATION).content.decode()
    assert "Porto" not in page and "2 smaller groups (6 people) not shown" in page


# --- "Ready now" against the must-haves -------------------------------------------------


def test_each_nominators_ready_now_calls_against_the_must_haves(client, org):
    seat = factories.KeyPositionFactory(title="Queue lead", department=org.support)
    MustHave.objects.create(
        position=seat, behaviour="Delivered a rotation", proofs=["rotation"], within_months=12
    )
    bare = factories.KeyPositionFactory(title="Bare seat", department=org.support)
    shown = factories.NominationFactory(
        candidate=org.cand, position=seat, readiness=Readiness.READY_NOW, nominated_by=org.alice
    )
    ReadinessEvidence.objects.create(
        nomination=shown,
        kind="rotation",
        item_id=1,
        dated_on=TODAY - dt.timedelta(days=10),
        summary="Rotation",
        attached_at=timezone.now(),
    )
    other = rated(org, "other2", rater=org.alice, performance=2, potential=2)
    factories.NominationFactory(
        candidate=other,
        position=seat,
        readiness=Readiness.READY_NOW,
        nominated_by=org.alice,
        override_by=org.vp,
        override_reason="Ran the outage",
    )
    third = rated(org, "third", rater=org.alice, performance=2, potential=2)
    factories.NominationFactory(
        candidate=third, position=seat, readiness=Readiness.READY_NOW, nominated_by=org.director
    )
    factories.NominationFactory(
        candidate=third, position=bare, readiness=Readiness.READY_NOW, nominated_by=org.director
    )
    factories.NominationFactory(candidate=other, position=bare)  # not ready now: not a claim
    claims = {c["nominator"]: c for c in checks(client, org.vp)["ready_now_claims"]}
    assert {
        name: (c["claims"], c["met"], c["decided"], c["short"], c["no_must_haves"], c["coverage"])
        for name, c in claims.items()
    } == {
        "Alice": (2, 1, 1, 0, 0, 50),
        "Director": (2, 0, 0, 1, 1, 0),
    }


# --- The board and the agenda -----------------------------------------------------------


def test_the_board_and_the_agenda_show_the_checks(client, org):
    for n in range(3):
        rated(org, f"low{n}", rater=org.director, performance=1, potential=1)
    review = factories.review_for(org)
    client.force_login(org.vp.user)
    board = client.get(reverse("reviews:board", args=[review.pk])).content.decode()
    assert "Raters apart from the rest:" in board
    assert "Director's 3 people average 2.0 against 6.0 for everyone else" in board
    assert "data-calibration" in board
    agenda = client.get(review.get_absolute_url()).content.decode()
    assert agenda.count("data-potential-unbacked") == 4  # cand and the three: no evidence


# --- The reports page -------------------------------------------------------------------


def test_a_manager_checks_only_their_line(client, org):
    rated(org, "theirs", rater=org.outsider, performance=3, potential=3, manager=org.outsider)
    result = checks(client, org.alice)
    assert result["checked"] == 1  # cand
    page = client.get(CALIBRATION).content.decode()
    assert "Theirs" not in page


def test_an_empty_line_says_what_to_do(client, org):
    client.force_login(org.bob.user)  # manages nobody in the pool
    page = client.get(CALIBRATION).content.decode()
    assert "No active candidate in your part of the organisation yet" in page


@pytest.mark.parametrize("who", ["cand_person", "nobody", "other_person"])
def test_the_page_is_404_for_anyone_who_manages_nobody(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(CALIBRATION).status_code == 404


def test_the_page_leaves_one_audit_row(client, org):
    client.force_login(org.alice.user)
    client.get(CALIBRATION)
    (row,) = AuditEvent.objects.all()
    assert row.what == "pool"


@pytest.mark.parametrize("size", [1, 12])
def test_the_page_costs_the_same_queries(client, org, size, django_assert_num_queries):
    seat = factories.KeyPositionFactory(title="Queue lead", department=org.support)
    MustHave.objects.create(position=seat, behaviour="Rotation", proofs=["rotation"])
    for n in range(size):
        candidate = rated(org, f"p{n}", rater=org.director, performance=2, potential=2)
        factories.NominationFactory(
            candidate=candidate, position=seat, readiness=Readiness.READY_NOW
        )
    client.force_login(org.vp.user)
    # session user, the actor; the candidates with their rater; their evidence (one
    # UNION); the "ready now" calls; their seats' must-haves; the evidence attached; the
    # audit row
    with django_assert_num_queries(8):
        assert client.get(CALIBRATION).status_code == 200
