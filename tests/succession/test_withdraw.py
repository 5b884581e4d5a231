"""A successor nomination ends by being withdrawn, with a reason kept in its history, on
the candidate's timeline and on the position page."""

import pytest
from django.urls import reverse

from candidates.models import CandidateEvent, Level
from succession.models import ReadinessChange, SuccessorNomination
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def nomination(org):
    seat = factories.KeyPositionFactory(
        title="Support team lead – Lisbon", level=Level.TEAM_LEAD, department=org.support
    )
    return factories.NominationFactory(candidate=org.cand, position=seat, nominated_by=org.alice)


def withdraw(client, nomination, reason="Moved to the product team's track"):
    return client.post(
        reverse("succession:withdraw", args=[nomination.pk]), {"reason": reason}, follow=True
    )


@pytest.mark.parametrize("who", ["alice", "vp"])
def test_a_manager_or_hr_withdraws_a_nomination_with_its_reason(client, org, nomination, who):
    client.force_login(getattr(org, who).user)
    readiness_page = client.get(reverse("succession:readiness", args=[nomination.pk]))
    assert "Withdraw the nomination" in readiness_page.content.decode()
    page = withdraw(client, nomination).content.decode()
    assert "Cand is no longer a successor for Support team lead – Lisbon." in page
    nomination.refresh_from_db()
    assert not nomination.is_active and nomination.closed_on == factories.TODAY
    assert nomination.closed_reason == "Moved to the product team's track"
    change = nomination.readiness_history.get(kind=ReadinessChange.Kind.WITHDRAWN)
    assert (change.note, change.changed_by) == (
        "Moved to the product team's track",
        getattr(org, who),
    )
    assert CandidateEvent.objects.filter(
        candidate=org.cand,
        summary="Successor nomination for Support team lead – Lisbon withdrawn",
        detail="Moved to the product team's track",
    ).exists()
    # Off the bench, on the position page's list of withdrawn nominations (a manager who
    # saw the seat only through this nomination lands on the candidate instead).
    position = client.get(nomination.position.get_absolute_url())
    if who == "vp":
        position = position.content.decode()
        assert "No successor from your part of the organisation is nominated" in position
        assert "Withdrawn nominations (1)" in position
        assert "Cand</a>: Moved to the product team&#x27;s track" in position
    else:
        assert position.status_code == 404
        assert "Rating history" in page or "Timeline" in page  # the profile
    # The readiness page of a closed nomination is gone; nominating again works.
    assert client.get(reverse("succession:readiness", args=[nomination.pk])).status_code == 404


def test_without_a_reason_nothing_is_withdrawn(client, org, nomination):
    client.force_login(org.alice.user)
    page = withdraw(client, nomination, reason="   ").content.decode()
    assert "This field is required" in page or "Say why" in page
    nomination.refresh_from_db()
    assert nomination.is_active
    assert not nomination.readiness_history.filter(kind="withdrawn").exists()


@pytest.mark.parametrize("who", ["bob", "mentor", "outsider", "cand_person", "nobody"])
def test_nobody_else_may_withdraw_it(client, org, nomination, who):
    client.force_login(getattr(org, who).user)
    assert withdraw(client, nomination).status_code == 404
    assert SuccessorNomination.objects.get(pk=nomination.pk).is_active
