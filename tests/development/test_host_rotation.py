"""A manager hosts an inbound rotation of someone from another team (an R&D engineer on
support shifts); that person's manager is told and may decline it."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from development.models import Rotation
from notifications.models import Notification

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def host(client, person, **overrides):
    data = {
        "person": person.pk,
        "role": "support_shifts",
        "objectives": "Take support shifts on the P1 queue; learn the escalation path.",
        "project": "",
        "project_deadline": "",
        "starts_on": (TODAY + dt.timedelta(days=14)).isoformat(),
        "ends_on": (TODAY + dt.timedelta(days=60)).isoformat(),
    }
    data.update(overrides)
    return client.post(reverse("development:rotation_host"), data, follow=True)


def test_a_manager_hosts_someone_of_another_team_whose_manager_may_decline(
    client, org, django_capture_on_commit_callbacks
):
    client.force_login(org.alice.user)
    page = client.get(reverse("development:rotation_host")).content.decode()
    assert f'value="{org.other_person.pk}"' in page  # R&D, outside alice's line
    assert f'value="{org.bob.pk}"' not in page  # her own team: assign, not host
    with django_capture_on_commit_callbacks(execute=True):
        page = host(client, org.other_person).content.decode()
    rotation = Rotation.objects.get(person=org.other_person)
    assert (rotation.direction, rotation.host_sponsor, rotation.host_department) == (
        "inbound",
        org.alice,
        org.alice.department,
    )
    assert "Other rotates in" in page
    # Their manager (outsider) is told, and may decline it from the rotation's page.
    notice = Notification.objects.get(kind="rotation_hosted")
    assert notice.recipient == org.outsider.user
    assert "decline it by" in notice.body
    assert [m.to for m in mail.outbox] == [[org.outsider.email]]
    client.force_login(org.outsider.user)
    detail = client.get(reverse("development:rotation_detail", args=[rotation.pk])).content.decode()
    assert "Alice would host Other from your team" in detail and "Decline it" in detail
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("development:experience_cancel", args=["rotations", rotation.pk]),
            {"reason": "Release week: the team cannot spare her"},
            follow=True,
        )
    assert response.status_code == 200
    rotation.refresh_from_db()
    assert (
        rotation.is_cancelled
        and rotation.cancel_reason == "Release week: the team cannot spare her"
    )
    # The host hears of it, once, with the reason.
    [told] = mail.outbox
    assert told.to == [org.alice.email]
    assert "Outsider called off Other's rotation in Technical Support" in told.subject
    assert "Release week: the team cannot spare her" in told.body


def test_the_host_may_call_it_off_and_the_persons_manager_is_told(
    client, org, django_capture_on_commit_callbacks
):
    client.force_login(org.alice.user)
    host(client, org.other_person)
    rotation = Rotation.objects.get(person=org.other_person)
    url = reverse("development:rotation_detail", args=[rotation.pk])
    assert "Cancel…" in client.get(url).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("development:experience_cancel", args=["rotations", rotation.pk]),
            {"reason": "The project moved"},
        )
    rotation.refresh_from_db()
    assert rotation.is_cancelled and rotation.cancelled_by == org.alice
    [told] = mail.outbox
    assert told.to == [org.outsider.email] and "The project moved" in told.body
    # Nobody else may call it off: the person themself reads it, without the button.
    client.force_login(org.other_person.user)
    Rotation.objects.filter(pk=rotation.pk).update(cancelled_on=None, status="planned")
    assert "Cancel…" not in client.get(url).content.decode()
    response = client.post(
        reverse("development:experience_cancel", args=["rotations", rotation.pk]),
        {"reason": "I would rather not"},
    )
    assert response.status_code == 404


def test_hosting_needs_valid_dates_and_saves_nothing_otherwise(client, org):
    client.force_login(org.alice.user)
    response = host(client, org.other_person, ends_on=(TODAY - dt.timedelta(days=30)).isoformat())
    assert "A rotation ends after it starts." in response.content.decode()
    assert not Rotation.objects.exists()


@pytest.mark.parametrize("who", ["cand_person", "nobody"])
def test_only_a_manager_hosts(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("development:rotation_host")).status_code == 404
    assert host(client, org.other_person).status_code == 404
    assert not Rotation.objects.exists()


def test_the_profiles_rotation_button_preselects_the_person(client, org):
    client.force_login(org.alice.user)
    profile = client.get(reverse("front:profile", args=[org.cand.pk])).content.decode()
    link = f"{reverse('development:rotation_new')}?person={org.cand_person.pk}"
    assert link in profile
    form = client.get(link).content.decode()
    assert f'<option value="{org.cand_person.pk}" selected>' in form


def test_the_offer_to_decline_lasts_a_week(client, org):
    client.force_login(org.alice.user)
    host(client, org.other_person)
    rotation = Rotation.objects.get(person=org.other_person)
    client.force_login(org.outsider.user)
    url = reverse("development:rotation_detail", args=[rotation.pk])
    assert "Decline it" in client.get(url).content.decode()
    Rotation.objects.filter(pk=rotation.pk).update(
        created_at=rotation.created_at - dt.timedelta(days=8)
    )
    assert "Decline it" not in client.get(url).content.decode()
