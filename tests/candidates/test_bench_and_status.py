"""Bench strength cannot be inflated by mistake, people who left are not offered, and
status changes are safe."""

import pytest
from django.urls import reverse

from candidates.models import CandidateStatus, Level
from succession.models import KeyPosition, SuccessorNomination
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def director_position(org):
    return factories.KeyPositionFactory(
        title="Director of Support", department=org.support, level=Level.DIRECTOR
    )


@pytest.fixture
def lead_position(org):
    # Held by bob, so it is in alice's part of the organisation.
    return factories.KeyPositionFactory(
        title="Team lead EMEA", department=org.support, level=Level.TEAM_LEAD, incumbent=org.bob
    )


def successor_url(org):
    return reverse("succession:nominate_successor", args=[org.cand.pk])


def test_the_profiles_successor_form_offers_only_positions_within_reach(
    client, org, director_position, lead_position
):
    """cand is a senior engineer (2): team lead (3) and manager (4) are within reach,
    director (6) is not."""
    client.force_login(org.alice.user)
    form = client.get(successor_url(org)).context["form"]
    offered = set(form.fields["position"].queryset)
    assert lead_position in offered and org.position in offered
    assert director_position not in offered
    response = client.post(
        successor_url(org), {"position": director_position.pk, "readiness": "ready_now"}
    )
    assert response.status_code == 200
    assert not SuccessorNomination.objects.filter(position=director_position).exists()


def test_ready_now_more_than_one_level_up_needs_a_reason_shown_on_the_position_page(client, org):
    client.force_login(org.alice.user)
    url = successor_url(org)
    response = client.post(url, {"position": org.position.pk, "readiness": "ready_now"})
    assert response.status_code == 200
    assert "say why they are ready now" in response.content.decode()
    assert not SuccessorNomination.objects.filter(position=org.position).exists()
    reason = "Ran the EMEA desk for six months while its manager was on leave."
    response = client.post(
        url, {"position": org.position.pk, "readiness": "ready_now", "note": reason}
    )
    assert response.status_code == 302
    client.force_login(org.director.user)
    page = client.get(
        reverse("succession:position_detail", args=[org.position.pk])
    ).content.decode()
    assert reason in page


def test_one_level_up_ready_now_needs_no_reason(client, org, lead_position):
    client.force_login(org.alice.user)
    response = client.post(
        successor_url(org), {"position": lead_position.pk, "readiness": "ready_now"}
    )
    assert response.status_code == 302
    assert SuccessorNomination.objects.get(position=lead_position).readiness == "ready_now"


def test_moving_readiness_to_ready_now_two_levels_up_needs_a_reason(client, org):
    nomination = factories.NominationFactory(candidate=org.cand, position=org.position)
    client.force_login(org.alice.user)
    url = reverse("succession:readiness", args=[nomination.pk])
    response = client.post(url, {"readiness": "ready_now", "note": ""})
    assert response.status_code == 200
    nomination.refresh_from_db()
    assert nomination.readiness == "1_2_years"
    client.post(url, {"readiness": "ready_now", "note": "Covered the role in Q3."})
    nomination.refresh_from_db()
    assert (nomination.readiness, nomination.note) == ("ready_now", "Covered the role in Q3.")


def test_people_who_left_are_not_offered_counted_or_suggested(client, org, lead_position):
    gone = factories.CandidateFactory(
        person=factories.PersonFactory(manager=org.alice, full_name="Gone Person", level=2),
        nominated_by=org.alice,
        status=CandidateStatus.EXITED,
    )
    paused = factories.CandidateFactory(
        person=factories.PersonFactory(manager=org.alice, full_name="Paused Person", level=2),
        nominated_by=org.alice,
        status=CandidateStatus.PAUSED,
    )
    factories.NominationFactory(candidate=paused, position=lead_position, readiness="ready_now")
    client.force_login(org.alice.user)
    response = client.get(reverse("succession:position_detail", args=[lead_position.pk]))
    offered = set(response.context["form"].fields["candidate"].queryset)
    assert gone not in offered and paused not in offered
    assert response.context["nominations"] == []  # the paused one does not count
    positions = client.get(reverse("succession:positions")).context["page"].object_list
    assert {p.title: p.ready_now for p in positions}["Team lead EMEA"] == 0
    pool = client.get(reverse("front:pool")).context["page"].object_list
    assert {c.person.full_name for c in pool} == {"Cand"}
    everyone = client.get(reverse("front:pool"), {"status": "all"})
    page = everyone.content.decode()
    assert "Gone Person" in page and ">Exited<" in page and ">Paused<" in page


def status_url(org):
    return reverse("succession:change_status", args=[org.cand.pk])


def test_the_status_form_starts_on_the_current_status(client, org):
    client.force_login(org.alice.user)
    form = client.get(status_url(org)).context["form"]
    assert form["status"].value() == "active"


def test_graduating_needs_the_position_and_makes_them_its_incumbent(client, org, lead_position):
    client.force_login(org.alice.user)
    response = client.post(status_url(org), {"status": "graduated", "reason": "Promoted"})
    assert response.status_code == 200
    assert "Choose the key position they graduate into" in response.content.decode()
    org.cand.refresh_from_db()
    assert org.cand.status == "active"
    response = client.post(
        status_url(org), {"status": "graduated", "reason": "Promoted", "position": lead_position.pk}
    )
    assert response.status_code == 302
    lead_position.refresh_from_db()
    assert lead_position.incumbent == org.cand_person


def test_a_graduate_graduates_again_into_another_position_in_one_step(client, org, lead_position):
    client.force_login(org.alice.user)
    client.post(status_url(org), {"status": "graduated", "position": lead_position.pk})
    response = client.post(
        status_url(org), {"status": "graduated", "position": org.position.pk, "reason": "Again"}
    )
    assert response.status_code == 302
    assert KeyPosition.objects.get(pk=org.position.pk).incumbent == org.cand_person


def test_exiting_asks_for_a_reason(client, org):
    client.force_login(org.alice.user)
    response = client.post(status_url(org), {"status": "exited", "reason": ""})
    assert response.status_code == 200
    assert "Say why they leave the pool" in response.content.decode()
    org.cand.refresh_from_db()
    assert org.cand.status == "active"
    client.post(status_url(org), {"status": "exited", "reason": "Joined a competitor"})
    org.cand.refresh_from_db()
    assert (org.cand.status, org.cand.status_reason) == ("exited", "Joined a competitor")
