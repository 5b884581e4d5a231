"""Nominate, rate, nominate as successor, change readiness and status, follow-ups."""

import pytest
from django.urls import reverse

from candidates.models import Candidate, CandidateEvent, TalentRating
from succession.models import FollowUp, SuccessorNomination
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_manager_nominates_someone_in_their_line(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("candidates:nominate"),
        {
            "person": org.bob.pk,
            "reason": "Calm under pressure, peers follow him.",
            "performance": 3,
            "potential": 2,
            "flight_risk": "low",
        },
    )
    candidate = Candidate.objects.get(person=org.bob)
    assert response.status_code == 302
    assert response.url == candidate.get_absolute_url()
    assert candidate.nominated_by == org.alice
    assert candidate.ratings.count() == 1
    assert candidate.events.filter(kind="nominated", confidential=True).exists()


def test_nominating_someone_outside_the_line_is_a_form_error_and_saves_nothing(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("candidates:nominate"),
        {
            "person": org.outsider.pk,
            "reason": "x",
            "performance": 3,
            "potential": 3,
            "flight_risk": "low",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Candidate.objects.filter(person=org.outsider).exists()


def test_a_high_flight_risk_needs_a_reason(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("candidates:nominate"),
        {
            "person": org.bob.pk,
            "reason": "Good",
            "performance": 3,
            "potential": 3,
            "flight_risk": "high",
        },
    )
    assert response.status_code == 200
    assert "a flight risk without a reason" in response.content.decode()
    assert not Candidate.objects.filter(person=org.bob).exists()


def test_a_new_rating_is_kept_next_to_the_earlier_ones(client, org):
    client.force_login(org.alice.user)
    for performance in (2, 1):
        response = client.post(
            reverse("candidates:rate", args=[org.cand.pk]),
            {
                "performance": performance,
                "potential": 3,
                "flight_risk": "medium",
                "flight_risk_reason": "Recruiters",
                "reason": f"Review {performance}",
            },
        )
        assert response.status_code == 302
    org.cand.refresh_from_db()
    assert org.cand.performance == 1
    assert list(
        TalentRating.objects.filter(candidate=org.cand).values_list("reason", flat=True)
    ) == ["Review 1", "Review 2"]
    assert org.cand.events.filter(kind="rated").count() == 2


def test_a_rating_out_of_range_is_refused_and_changes_nothing(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("candidates:rate", args=[org.cand.pk]),
        {"performance": 7, "potential": 3, "flight_risk": "low", "reason": "x"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    org.cand.refresh_from_db()
    assert org.cand.performance == 3
    assert not TalentRating.objects.filter(candidate=org.cand).exists()


@pytest.mark.parametrize("who", ["mentor", "cand_person", "outsider", "bob"])
def test_talent_actions_are_404_for_anyone_who_does_not_manage_the_candidate(client, org, who):
    client.force_login(getattr(org, who).user)
    for name in ("candidates:rate", "succession:nominate_successor", "succession:change_status"):
        url = reverse(name, args=[org.cand.pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {}).status_code == 404, name


def test_talent_actions_refuse_other_methods(client, org):
    client.force_login(org.alice.user)
    assert client.put(reverse("candidates:rate", args=[org.cand.pk])).status_code == 405


def test_nominating_a_successor_twice_for_the_same_position_is_refused(client, org):
    client.force_login(org.alice.user)
    url = reverse("succession:nominate_successor", args=[org.cand.pk])
    data = {"position": org.position.pk, "readiness": "1_2_years", "note": ""}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Already nominated for Support manager EMEA" in response.content.decode()
    assert SuccessorNomination.objects.filter(candidate=org.cand).count() == 1


def test_a_successor_is_nominated_from_the_position_page(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("succession:position_detail", args=[org.position.pk]),
        {"candidate": org.cand.pk, "readiness": "ready_now", "note": "Ran the team for a month"},
    )
    assert response.status_code == 302
    nomination = SuccessorNomination.objects.get(candidate=org.cand, position=org.position)
    assert nomination.readiness == "ready_now"


def test_readiness_changes_are_recorded_on_the_timeline(client, org):
    nomination = factories.NominationFactory(candidate=org.cand, position=org.position)
    client.force_login(org.alice.user)
    response = client.post(
        reverse("succession:readiness", args=[nomination.pk]),
        {"readiness": "ready_now", "note": "Led the EMEA team during parental leave"},
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.readiness == "ready_now"
    event = org.cand.events.get(kind="readiness")
    assert "Ready in 1–2 years → Ready now" in event.summary


def test_another_managers_nomination_is_404(client, org):
    nomination = factories.NominationFactory(candidate=org.other, position=org.position)
    client.force_login(org.alice.user)
    assert client.get(reverse("succession:readiness", args=[nomination.pk])).status_code == 404


def test_graduating_into_a_position_makes_them_incumbent_and_opens_follow_ups(client, org):
    factories.NominationFactory(candidate=org.cand, position=org.position, readiness="ready_now")
    passed_over = factories.CandidateFactory(person=org.bob, nominated_by=org.alice)
    factories.NominationFactory(candidate=passed_over, position=org.position)
    client.force_login(org.director.user)
    response = client.post(
        reverse("succession:change_status", args=[org.cand.pk]),
        {"status": "graduated", "reason": "Promoted", "position": org.position.pk},
    )
    assert response.status_code == 302
    org.position.refresh_from_db()
    org.cand.refresh_from_db()
    assert org.position.incumbent == org.cand_person
    assert org.cand.status == "graduated"
    assert not org.cand.nominations.filter(is_active=True).exists()
    follow_up = FollowUp.objects.get(kind=FollowUp.Kind.PASSED_OVER)
    assert follow_up.candidate == passed_over
    assert follow_up.kind == "passed_over"
    # The follow-up shows on the dashboard until it is done.
    page = client.get(reverse("front:pool")).content.decode()
    assert "Conversations due" in page
    response = client.post(
        reverse("succession:follow_up_done", args=[follow_up.pk]), {"outcome": "He understands."}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done_by == org.director
    page = client.get(reverse("front:pool")).content.decode()
    assert "talk to" not in page.lower()  # the passed-over conversation is off the list
    assert "Pair Cand with a mentor" in page  # the mentor to pair stays until done


def test_a_position_without_a_graduation_is_a_form_error(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("succession:change_status", args=[org.cand.pk]),
        {"status": "paused", "reason": "Parental leave", "position": org.position.pk},
    )
    assert response.status_code == 200
    assert "A position is only for a graduation" in response.content.decode()
    org.cand.refresh_from_db()
    assert org.cand.status == "active"
    assert not CandidateEvent.objects.filter(kind="status").exists()


@pytest.mark.parametrize("size", [3, 30])
def test_the_nominate_page_costs_the_same_queries_whatever_the_org(
    client, org, size, django_assert_num_queries
):
    for i in range(size):
        factories.PersonFactory(manager=org.alice, full_name=f"Report {i}")
    client.force_login(org.alice.user)
    # user (the session: cache), the actor (one query), how many are left to nominate (few: no
    # search), those people (read once)
    with django_assert_num_queries(4):
        assert client.get(reverse("candidates:nominate")).status_code == 200
