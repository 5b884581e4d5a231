"""HR keeps the key positions without Django admin: create, edit, retire."""

import pytest
from django.urls import reverse

from candidates.models import Level
from succession.models import KeyPosition, SuccessorNomination
from tests import factories

pytestmark = pytest.mark.django_db


def data(org, **overrides):
    values = {
        "title": "Support team lead – Lisbon",
        "level": Level.TEAM_LEAD,
        "department": org.support.pk,
        "incumbent": org.bob.pk,
        "time_zone": "Europe/Lisbon",
        "description": "Leads the Lisbon P1 desk",
    }
    values.update(overrides)
    return values


def test_hr_creates_edits_and_retires_a_position(client, org):
    client.force_login(org.vp.user)
    assert "New key position" in client.get(reverse("succession:positions")).content.decode()
    response = client.post(reverse("succession:position_new"), data(org), follow=True)
    position = KeyPosition.objects.get(title="Support team lead – Lisbon")
    assert response.redirect_chain[-1][0] == position.get_absolute_url()
    assert "Key position Support team lead – Lisbon created." in response.content.decode()
    assert (position.level, position.department, position.incumbent, position.time_zone) == (
        Level.TEAM_LEAD,
        org.support,
        org.bob,
        "Europe/Lisbon",
    )
    assert "Europe/Lisbon" in client.get(position.get_absolute_url()).content.decode()

    client.post(
        reverse("succession:position_edit", args=[position.pk]),
        data(org, title="Support team lead – Porto", incumbent=""),
    )
    position.refresh_from_db()
    assert (position.title, position.incumbent) == ("Support team lead – Porto", None)

    nomination = factories.NominationFactory(candidate=org.cand, position=position)
    response = client.post(
        reverse("succession:position_retire", args=[position.pk]),
        {"reason": "Merged into the EMEA lead"},
        follow=True,
    )
    assert "is no longer a key position" in response.content.decode()
    position.refresh_from_db()
    nomination.refresh_from_db()
    assert not position.is_active
    assert not nomination.is_active
    assert nomination.closed_reason == "The position was retired: Merged into the EMEA lead"
    assert (
        "Support team lead – Porto"
        not in client.get(reverse("succession:positions")).content.decode()
    )


def test_bad_input_saves_nothing(client, org):
    client.force_login(org.vp.user)
    response = client.post(reverse("succession:position_new"), data(org, level=11))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    response = client.post(reverse("succession:position_new"), data(org, title=org.position.title))
    assert "already exists" in response.content.decode()
    assert KeyPosition.objects.count() == 1  # org.position only
    response = client.post(
        reverse("succession:position_retire", args=[org.position.pk]), {"reason": " "}, follow=True
    )
    org.position.refresh_from_db()
    assert org.position.is_active


@pytest.mark.parametrize("who", ["alice", "director", "mentor", "cand_person", "nobody"])
def test_nobody_but_hr_may(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("succession:position_new")).status_code == 404
    assert client.post(reverse("succession:position_new"), data(org)).status_code == 404
    edit = reverse("succession:position_edit", args=[org.position.pk])
    assert client.get(edit).status_code == 404
    retire = reverse("succession:position_retire", args=[org.position.pk])
    assert client.post(retire, {"reason": "x"}).status_code == 404
    assert KeyPosition.objects.filter(is_active=True).count() == 1
    assert not SuccessorNomination.objects.filter(closed_reason__startswith="The position").exists()


@pytest.mark.parametrize("size", [1, 40])
def test_the_edit_page_costs_the_same_queries(client, org, size, django_assert_num_queries):
    for n in range(size):
        factories.PersonFactory(full_name=f"Person {n}")
    client.force_login(org.vp.user)
    # user (the session: cache), the actor, the position; the departments, the
    # incumbent picker's first 51, the owner picker's; the audit row (a key position read)
    with django_assert_num_queries(7):
        assert (
            client.get(reverse("succession:position_edit", args=[org.position.pk])).status_code
            == 200
        )
