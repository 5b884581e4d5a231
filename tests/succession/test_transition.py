"""The first 180 days: a graduate who takes a key seat gets a transition plan proposed
on their agreement (30 / 60 / 90-day items from the seat's unshown must-haves and their
largest gaps) and a mentor proposed for six months; the outcomes report follows new
leaders' first year."""

import datetime as dt

import pytest
from django.urls import reverse

from agreements.models import Commitment
from mentorship.models import MentorPairing
from succession.models import FollowUp, MustHave
from tests import factories
from tests.succession.test_plan import nominated_with_gaps

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY


def graduate(client, org, seat):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("succession:change_status", args=[org.cand.pk]),
        {"status": "graduated", "reason": "Promoted", "position": seat.pk},
    )
    assert response.status_code == 302


def transition(org):
    return list(
        Commitment.objects.filter(agreement=org.agreement, category="transition").order_by("order")
    )


def test_a_graduation_proposes_the_first_180_days_on_their_agreement(client, org):
    seat = nominated_with_gaps(org)
    MustHave.objects.create(
        position=seat,
        behaviour="Led a Sev-1 incident as incident lead",
        proofs=["support_month.sev1"],
        within_months=12,
    )
    graduate(client, org, seat)

    items = transition(org)
    assert [(c.due_on - TODAY).days for c in items] == [30, 60, 90, 90, 90]
    assert "meet each direct report" in items[0].description
    assert items[1].description.startswith("Within 60 days: Led a Sev-1 incident")
    assert items[2].description == (
        "Within 90 days: grow Team management (rated 2; Support team lead – Porto asks 4)."
    )
    assert "Communication (rated 4; Support team lead – Porto asks 5)" in items[3].description
    assert items[4].description.startswith("Day 90: review the first 90 days")
    assert {(c.proposal, c.side, c.proposed_by_id) for c in items} == {
        ("proposed", "candidate", org.alice.pk)
    }
    (fill,) = {c.transition_fill for c in items}
    assert (fill.position, fill.person) == (seat, org.cand_person)
    # The sponsor sees them waiting on the agreement.
    client.force_login(org.director.user)
    page = client.get(org.agreement.get_absolute_url()).content.decode()
    assert "First 30 days as Support team lead – Porto" in page


def test_the_graduate_is_proposed_their_mentor_now_for_six_months(client, org):
    seat = nominated_with_gaps(org)
    graduate(client, org, seat)
    (follow_up,) = FollowUp.objects.filter(kind=FollowUp.Kind.OTHER)
    assert follow_up.owner == org.alice and follow_up.position == seat
    assert "Pair Cand with a mentor for their first six months" in follow_up.description
    assert "Proposed: Director R&D" not in follow_up.description
    assert "Proposed: Mentor (their mentor now, who knows them)." in follow_up.description
    client.force_login(org.alice.user)
    assert "Pair Cand with a mentor" in client.get(reverse("front:pool")).content.decode()


def test_without_a_mentor_someone_above_the_seat_outside_their_line_is_proposed(client, org):
    seat = nominated_with_gaps(org)
    MentorPairing.objects.update(status=MentorPairing.Status.ENDED)
    busy = factories.login_person("busy", manager=org.vp, level=7, full_name="Busy Director")
    factories.PairingFactory(candidate=org.other, mentor=busy, created_by=org.outsider)
    graduate(client, org, seat)
    (follow_up,) = FollowUp.objects.filter(kind=FollowUp.Kind.OTHER)
    # Above the team-lead seat, not alice, the director or the VP (cand's chain of
    # managers), nor anyone below cand; fewest mentees first, then the lower level.
    assert "Proposed: Outsider (a level above the seat, outside their line, 0 mentee(s)" in (
        follow_up.description
    )


def test_a_fill_from_outside_proposes_nothing(client, org):
    seat = nominated_with_gaps(org)
    client.force_login(org.vp.user)
    client.post(
        reverse("succession:position_fill", args=[seat.pk]),
        {"email": org.bob.email, "filled_on": TODAY.isoformat()},
    )
    assert transition(org) == []
    assert not FollowUp.objects.filter(kind=FollowUp.Kind.OTHER).exists()


def test_the_outcomes_report_follows_the_first_year(client, org):
    seat = nominated_with_gaps(org)
    graduate(client, org, seat)
    first = transition(org)[0]
    first.proposal, first.status = "accepted", "done"
    first.save()
    client.force_login(org.director.user)
    report = client.get(reverse("reports:outcomes")).context
    (fill,) = report["first_year"]
    assert (fill.person, fill.plan_done, fill.plan_items, fill.mentored) == (
        org.cand_person,
        1,
        4,
        True,
    )
    stale = fill.filled_on - dt.timedelta(days=400)
    type(fill).objects.filter(pk=fill.pk).update(filled_on=stale)
    assert client.get(reverse("reports:outcomes")).context["first_year"] == []
