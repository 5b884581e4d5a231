import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from agreements.models import Commitment, LeadershipAgreement
from candidates.access import Relation, candidate_relation
from candidates.models import Candidate, Person
from development.models import Rotation
from mentorship.models import Meeting, MentorPairing
from succession.models import KeyPosition
from tests.factories import actor_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", people=120, seed=7, password="demo-pass-123")


def test_it_builds_an_org_with_the_demo_logins(demo, rf):
    assert Person.objects.count() == 120
    for username in ("manager", "mentor", "candidate", "hr", "admin"):
        request = rf.post("/accounts/login/")
        assert authenticate(request, username=username, password="demo-pass-123"), username


def test_the_demo_accounts_hold_the_relationships_the_journeys_need(demo):
    from django.contrib.auth.models import User

    manager, mentor, candidate_user, hr = (
        User.objects.get(username=name) for name in ("manager", "mentor", "candidate", "hr")
    )
    candidate = Candidate.objects.get(person__user=candidate_user)
    assert candidate_relation(actor_of(manager), candidate) == Relation.MANAGER
    assert candidate_relation(actor_of(mentor), candidate) == Relation.MENTOR
    assert actor_of(hr).view_all_talent
    assert actor_of(candidate_user).candidate
    assert not actor_of(candidate_user).manager
    pairing = MentorPairing.objects.get(candidate=candidate, status="active")
    assert pairing.mentor.user == mentor
    assert Meeting.objects.filter(pairing=pairing).count() > 5
    agreement = LeadershipAgreement.objects.get(candidate=candidate)
    assert {c.side for c in agreement.commitments.all()} == {"company", "candidate"}
    # The mentor has one overdue mentee to show first.
    overdue = [
        p
        for p in MentorPairing.objects.filter(mentor__user=mentor, status="active")
        if p.last_met_on and (p.last_met_on - p.starts_on).days >= 0 and p.next_meeting_on is None
    ]
    assert overdue


def test_it_makes_about_a_tenth_of_the_org_candidates_with_every_kind_of_data(demo):
    assert 10 <= Candidate.objects.count() <= 14
    assert KeyPosition.objects.exists()
    assert Commitment.objects.filter(status="done").exists()
    assert Rotation.objects.filter(direction="inbound").exists()
    assert Rotation.objects.filter(direction="outbound").exists()
    assert {r.status for r in Rotation.objects.all()} >= {"running", "completed"}


def test_every_reporting_path_matches_the_manager_links(demo):
    for person in Person.objects.select_related("manager"):
        expected = (person.manager.reporting_path if person.manager else "/") + f"{person.pk}/"
        assert person.reporting_path == expected


def test_it_refuses_a_database_that_is_not_empty(demo):
    with pytest.raises(CommandError, match="not empty"):
        call_command("seed_demo", people=120)


def test_if_empty_leaves_an_existing_org_alone(demo):
    call_command("seed_demo", people=500, if_empty=True)
    assert Person.objects.count() == 120


@pytest.mark.django_db(transaction=True)  # --force empties the database with flush
def test_force_rebuilds_the_same_org_from_the_same_seed(demo):
    names = list(Person.objects.order_by("full_name").values_list("full_name", flat=True))
    call_command("seed_demo", people=120, seed=7, force=True)
    assert list(Person.objects.order_by("full_name").values_list("full_name", flat=True)) == names


def test_the_demo_mentor_is_a_mentor_only_and_jordan_holds_two_roles(demo, client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="mentor"))
    assert client.get("/")["Location"] == "/mentorship/"
    jordan = User.objects.get(username="jordan")
    client.force_login(jordan)
    assert client.get("/")["Location"] == "/candidates/"
    page = client.get("/candidates/").content.decode()
    assert 'href="/mentorship/"' in page  # "My mentees" in the navigation too


def test_hr_manager_and_jordan_each_see_a_different_pool(demo):
    """Line scoping is visible in the demo: HR sees every candidate, `manager` the support
    line (three lines of about a third each under them), `jordan` one of those lines."""
    from django.contrib.auth.models import User

    from candidates.access import actor_for, candidates_managed_by

    seen = {
        name: set(
            candidates_managed_by(actor_for(User.objects.get(username=name))).values_list(
                "pk", flat=True
            )
        )
        for name in ("hr", "manager", "jordan")
    }
    assert seen["jordan"] < seen["manager"] < seen["hr"]
    assert 0 < len(seen["jordan"]) < len(seen["manager"]) * 2 / 3
    manager = Person.objects.get(user__username="manager")
    heads = Person.objects.filter(manager=manager, level__lt=manager.level)
    assert heads.count() >= 3
    assert Person.objects.get(user__username="jordan") in heads
