"""Target competency profiles (HR), the gaps on the profile, the plan from gaps that
proposes on the leadership agreement, the experience catalogue, fills from outside."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from agreements.models import Commitment
from candidates.models import Competency, CompetencyRating, Level
from development.models import ExperienceIdea, GapCommitment
from succession.models import CompetencyTarget, PositionFill, Readiness
from succession.selectors import position_targets
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY


def competency(name):
    return Competency.objects.get(name=name)


def seat_with_targets(org):
    """A team-lead seat: the level asks 4 of team management and 4 of communication;
    the seat itself asks 5 of communication."""
    seat = factories.KeyPositionFactory(
        title="Support team lead – Porto", level=Level.TEAM_LEAD, department=org.support
    )
    CompetencyTarget.objects.create(
        level=Level.TEAM_LEAD, competency=competency("Team management"), target=4
    )
    CompetencyTarget.objects.create(
        level=Level.TEAM_LEAD, competency=competency("Communication"), target=4
    )
    CompetencyTarget.objects.create(position=seat, competency=competency("Communication"), target=5)
    return seat


def rate(org, name, score):
    CompetencyRating.objects.create(
        candidate=org.cand,
        competency=competency(name),
        score=score,
        rated_by=org.alice,
        rated_on=TODAY - dt.timedelta(days=5),
    )


def nominated_with_gaps(org):
    seat = seat_with_targets(org)
    factories.NominationFactory(
        candidate=org.cand, position=seat, readiness=Readiness.ONE_TO_TWO_YEARS
    )
    rate(org, "Team management", 2)  # gap 2
    rate(org, "Communication", 4)  # gap 1 against the seat's own 5
    return seat


def test_a_position_takes_its_own_target_over_its_levels(org):
    seat = seat_with_targets(org)
    targets = position_targets(positions=[seat])[seat.pk]
    assert targets == {competency("Team management").pk: 4, competency("Communication").pk: 5}


def test_the_profile_shows_the_gaps_largest_first_against_each_position(client, org):
    nominated_with_gaps(org)
    client.force_login(org.alice.user)
    response = client.get(reverse("front:profile", args=[org.cand.pk]))
    gaps = response.context["target_gaps"][0]
    assert [(g["competency"], g["gap"]) for g in gaps["gaps"]] == [
        ("Team management", 2),
        ("Communication", 1),
    ]
    assert gaps["chart"] == {
        "labels": ["Communication", "Team management"],
        "target": [5, 4],
        "scores": [4, 2],
    }
    page = response.content.decode()
    assert "Team management: 2 of 4" in page and "target-chart" in page


def test_the_mentor_and_the_candidate_never_see_targets_or_gaps(client, org):
    nominated_with_gaps(org)
    for user in (org.mentor.user, org.cand_person.user):
        client.force_login(user)
        response = client.get(reverse("front:profile", args=[org.cand.pk]))
        assert "target_gaps" not in response.context
        assert "Against the positions" not in response.content.decode()


def test_hr_sets_targets_per_level_and_per_position(client, org):
    seat = seat_with_targets(org)
    client.force_login(org.vp.user)
    team = competency("Team management").pk
    url = reverse("succession:targets_position", args=[seat.pk])
    response = client.post(
        url, {f"target_{team}": "3", f"target_{competency('Communication').pk}": ""}
    )
    assert response.status_code == 302
    assert position_targets(positions=[seat])[seat.pk] == {
        team: 3,
        competency("Communication").pk: 4,  # back to the level's default
    }
    level_url = reverse("succession:targets_level", args=[Level.DIRECTOR])
    client.post(level_url, {f"target_{team}": "5"})
    assert CompetencyTarget.objects.get(level=Level.DIRECTOR, competency_id=team).target == 5
    assert "1 target" in client.get(reverse("succession:targets")).content.decode()


def test_a_target_out_of_range_is_refused_and_nothing_changes(client, org):
    seat = seat_with_targets(org)
    client.force_login(org.vp.user)
    team = competency("Team management").pk
    response = client.post(
        reverse("succession:targets_position", args=[seat.pk]), {f"target_{team}": "7"}
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert position_targets(positions=[seat])[seat.pk][team] == 4


@pytest.mark.parametrize("who", ["alice", "director", "mentor", "cand"])
def test_only_hr_edits_targets_and_the_catalogue(client, org, who):
    seat = seat_with_targets(org)
    person = org.cand_person if who == "cand" else getattr(org, who)
    client.force_login(person.user)
    for url in (
        reverse("succession:targets"),
        reverse("succession:targets_level", args=[Level.MANAGER]),
        reverse("succession:targets_position", args=[seat.pk]),
        reverse("development:ideas"),
        reverse("succession:position_fill", args=[seat.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404


def test_picked_suggestions_become_proposals_linked_to_their_gap(client, org):
    seat = nominated_with_gaps(org)
    team = competency("Team management")
    ideas = list(ExperienceIdea.objects.filter(competency=team)[:2])
    assert len(ideas) == 2  # the catalogue the migration loads
    client.force_login(org.alice.user)
    url = reverse("development:plan", args=[org.cand.pk])
    page = client.get(url).content.decode()
    assert "Team management" in page and escape(ideas[0].description) in page
    picks = [f"{seat.pk}:{team.pk}:{idea.pk}" for idea in ideas]
    response = client.post(
        url,
        {"picks": picks, "side": "company", "due_on": (TODAY + dt.timedelta(days=90)).isoformat()},
    )
    assert response.status_code == 302
    proposals = Commitment.objects.filter(agreement=org.agreement, proposal="proposed")
    assert proposals.count() == 2
    assert {c.description for c in proposals} == {idea.description for idea in ideas}
    links = GapCommitment.objects.filter(candidate=org.cand)
    assert {(g.competency, g.target, g.score, g.position) for g in links} == {(team, 4, 2, seat)}
    # Offered no more while they are open; the candidate reads them in the agreement's
    # words, never a target or a rating.
    assert "(already proposed)" in client.get(url).content.decode()
    client.force_login(org.cand_person.user)
    agreement = client.get(reverse("agreements:detail", args=[org.agreement.pk])).content.decode()
    assert escape(ideas[0].description) in agreement
    for secret in ("Target", "target 4", "of 4", "gap 2", "2/5", "Team management", "Grow "):
        assert secret not in agreement
    assert "Proposed by the company" in agreement  # alice is neither party


def test_without_an_open_agreement_nothing_is_proposed(client, org):
    seat = nominated_with_gaps(org)
    org.agreement.status = "closed"
    org.agreement.save()
    team = competency("Team management")
    idea = ExperienceIdea.objects.filter(competency=team).first()
    client.force_login(org.alice.user)
    url = reverse("development:plan", args=[org.cand.pk])
    assert "Write one first" in client.get(url).content.decode()
    response = client.post(
        url, {"picks": [f"{seat.pk}:{team.pk}:{idea.pk}"], "side": "company", "due_on": ""}
    )
    assert response.status_code == 200
    assert (
        not GapCommitment.objects.exists()
        and not Commitment.objects.filter(proposal="proposed").exists()
    )


def test_a_pick_that_is_no_gap_is_refused(client, org):
    seat = nominated_with_gaps(org)
    empathy = competency("Empathy")  # no target: no gap
    idea = ExperienceIdea.objects.filter(competency=empathy).first()
    client.force_login(org.alice.user)
    response = client.post(
        reverse("development:plan", args=[org.cand.pk]),
        {"picks": [f"{seat.pk}:{empathy.pk}:{idea.pk}"], "side": "company"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not GapCommitment.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "mentor", "cand", "bob"])
def test_the_plan_is_404_outside_the_line(client, org, who):
    nominated_with_gaps(org)
    person = org.cand_person if who == "cand" else getattr(org, who)
    client.force_login(person.user)
    url = reverse("development:plan", args=[org.cand.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"picks": ["1:1:1"], "side": "company"}).status_code == 404


@pytest.mark.parametrize("positions", [1, 4])
def test_the_plan_costs_the_same_queries_whatever_the_positions(
    client, org, positions, django_assert_num_queries
):
    nominated_with_gaps(org)
    for i in range(positions - 1):
        seat = factories.KeyPositionFactory(
            title=f"Team lead {i}", level=Level.TEAM_LEAD, department=org.support
        )
        factories.NominationFactory(candidate=org.cand, position=seat)
    client.force_login(org.alice.user)
    url = reverse("development:plan", args=[org.cand.pk])
    client.get(url)
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # the candidate, its nominations, latest ratings, targets with their competencies,
    # catalogue ideas, what was proposed already, the open agreement; the audit row.
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("positions", [1, 4])
def test_the_profile_with_targets_costs_the_same_queries(
    client, org, positions, django_assert_num_queries
):
    nominated_with_gaps(org)
    for i in range(positions - 1):
        seat = factories.KeyPositionFactory(
            title=f"Team lead {i}", level=Level.TEAM_LEAD, department=org.support
        )
        factories.NominationFactory(candidate=org.cand, position=seat)
    client.force_login(org.alice.user)
    url = reverse("front:profile", args=[org.cand.pk])
    client.get(url)
    with django_assert_num_queries(PROFILE_QUERIES):
        assert client.get(url).status_code == 200


# The profile with nominations: user (the session: cache), the actor (one query), the candidate
# with its nominator, pairing, agreement with its progress, nominations (with
# staleness), their evidence, the competency picture (managers' ratings, hosts'
# scores, mentor's reads and the positions' targets: one UNION ALL), timeline, rating
# history, every experience (one UNION ALL), their own words and self-assessment; the
# audit row (INSERT).
PROFILE_QUERIES = 14


def test_hr_adds_an_idea_and_a_duplicate_is_refused(client, org):
    client.force_login(org.vp.user)
    data = {
        "competency": competency("Patience").pk,
        "kind": "training",
        "description": "Difficult conversations workshop",
        "is_active": "on",
    }
    assert client.post(reverse("development:ideas"), data).status_code == 302
    assert ExperienceIdea.objects.filter(description="Difficult conversations workshop").exists()
    response = client.post(reverse("development:ideas"), data)
    assert response.status_code == 200
    assert "already has that idea" in response.content.decode()
    assert (
        ExperienceIdea.objects.filter(description="Difficult conversations workshop").count() == 1
    )


def test_hr_records_a_fill_from_outside(client, org):
    seat = seat_with_targets(org)
    nominee = factories.NominationFactory(candidate=org.cand, position=seat)
    newcomer = factories.PersonFactory(manager=org.alice, email="new.lead@example.com")
    client.force_login(org.vp.user)
    url = reverse("succession:position_fill", args=[seat.pk])
    response = client.post(
        url, {"email": "NEW.LEAD@example.com", "filled_on": TODAY.isoformat(), "note": ""}
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.incumbent == newcomer
    fill = PositionFill.objects.get()
    assert (fill.person, fill.from_pool, fill.recorded_by) == (newcomer, False, org.vp)
    assert nominee.candidate.follow_ups.filter(position=seat).exists()


def test_a_fill_by_someone_in_the_pool_or_unknown_is_refused(client, org):
    seat = seat_with_targets(org)
    client.force_login(org.vp.user)
    url = reverse("succession:position_fill", args=[seat.pk])
    unknown = client.post(url, {"email": "nobody@nowhere.test", "filled_on": TODAY.isoformat()})
    assert "Nobody active in the directory" in unknown.content.decode()
    in_pool = client.post(url, {"email": org.cand_person.email, "filled_on": TODAY.isoformat()})
    assert "graduate them from their profile" in in_pool.content.decode()
    assert not PositionFill.objects.exists()


def test_a_graduation_into_a_position_counts_as_a_fill_from_the_pool(client, org):
    seat = seat_with_targets(org)
    factories.NominationFactory(candidate=org.cand, position=seat)
    client.force_login(org.alice.user)
    client.post(
        reverse("succession:change_status", args=[org.cand.pk]),
        {"status": "graduated", "position": seat.pk, "reason": "Promoted"},
    )
    fill = PositionFill.objects.get()
    assert (fill.person, fill.from_pool, fill.position) == (org.cand_person, True, seat)
