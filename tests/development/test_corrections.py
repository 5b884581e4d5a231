"""Everything created can be corrected: rotations, stretch assignments, conferences,
benchmark visits, trainings and pairings have a change page and a cancel with a reason;
cancelled items stay in the record and on the timeline, marked."""

import datetime as dt

import pytest
from django.urls import reverse

from development.models import Rotation, StretchAssignment, Training
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def items(org):
    return {
        "rotations": factories.RotationFactory(person=org.cand_person, host_sponsor=org.mentor),
        "stretch": StretchAssignment.objects.create(
            candidate=org.cand,
            title="Own the Q3 escalation",
            kind="decision",
            description="D",
            safety_net=org.alice,
            assigned_by=org.alice,
            starts_on=TODAY,
        ),
        "conferences": factories.ConferenceFactory(candidate=org.cand),
        "benchmarks": factories.BenchmarkVisitFactory(
            candidate=org.cand, visit_on=TODAY + dt.timedelta(days=20)
        ),
        "trainings": Training.objects.create(
            candidate=org.cand, name="Exec programme", kind="course", starts_on=TODAY
        ),
    }


@pytest.mark.parametrize("kind", ["rotations", "stretch", "conferences", "benchmarks", "trainings"])
def test_a_manager_cancels_with_a_reason_and_it_stays_marked(client, org, items, kind):
    item = items[kind]
    client.force_login(org.alice.user)
    url = reverse("development:experience_cancel", args=[kind, item.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.cancelled_on is None
    response = client.post(url, {"reason": "Budget frozen this quarter"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.cancelled_on == TODAY and item.cancelled_by == org.alice
    assert type(item).objects.filter(pk=item.pk).exists()  # not deleted
    if kind == "rotations":
        assert item.status == Rotation.Status.CANCELLED
    profile = client.get(reverse("front:profile", args=[org.cand.pk])).content.decode()
    assert "Cancelled:" in profile and "Budget frozen this quarter" in profile
    detail = client.get(response["Location"]).content.decode()
    assert "Cancelled</strong>" in detail
    # A cancelled item is not changed any more.
    assert (
        client.get(reverse("development:experience_edit", args=[kind, item.pk])).status_code == 404
    )


@pytest.mark.parametrize(
    ("kind", "data", "check"),
    [
        (
            "stretch",
            {
                "title": "Own the Q4 escalation",
                "kind": "decision",
                "description": "D2",
                "safety_net": "alice",
                "starts_on": TODAY.isoformat(),
            },
            ("title", "Own the Q4 escalation"),
        ),
        (
            "benchmarks",
            {"company": "Globex", "visit_on": (TODAY + dt.timedelta(days=30)).isoformat()},
            ("company", "Globex"),
        ),
        (
            "trainings",
            {"name": "Negotiation", "kind": "course", "starts_on": TODAY.isoformat()},
            ("name", "Negotiation"),
        ),
    ],
)
def test_a_manager_changes_an_experience(client, org, items, kind, data, check):
    item = items[kind]
    if data.get("safety_net") == "alice":
        data = {**data, "safety_net": org.alice.pk}
    client.force_login(org.alice.user)
    url = reverse("development:experience_edit", args=[kind, item.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert getattr(item, check[0]) == check[1]


def test_changing_a_rotation_keeps_its_rules(client, org, items):
    rotation = items["rotations"]
    other = factories.RotationFactory(
        person=org.cand_person,
        host_sponsor=org.mentor,
        starts_on=TODAY + dt.timedelta(days=200),
        ends_on=TODAY + dt.timedelta(days=260),
    )
    client.force_login(org.alice.user)
    url = reverse("development:experience_edit", args=["rotations", rotation.pk])
    data = {
        "direction": "outbound",
        "role": "project_lead",
        "host_department": rotation.host_department_id,
        "host_sponsor": org.mentor.pk,
        "objectives": "New objectives",
        "starts_on": rotation.starts_on.isoformat(),
        "ends_on": (TODAY + dt.timedelta(days=220)).isoformat(),
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "cannot overlap" in response.content.decode()
    data["ends_on"] = (TODAY + dt.timedelta(days=90)).isoformat()
    assert client.post(url, data).status_code == 302
    rotation.refresh_from_db()
    assert rotation.objectives == "New objectives"
    assert other.pk


def test_a_conference_budget_change_below_zero_is_refused(client, org, items):
    conference = items["conferences"]
    client.force_login(org.alice.user)
    url = reverse("development:experience_edit", args=["conferences", conference.pk])
    data = {
        "name": conference.name,
        "starts_on": conference.starts_on.isoformat(),
        "ends_on": conference.ends_on.isoformat(),
        "trip_report_due_on": conference.trip_report_due_on.isoformat(),
        "budget": "-5",
        "currency": "EUR",
        "assignment": "Ideas",
    }
    before = conference.budget
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0" in response.content.decode()
    conference.refresh_from_db()
    assert conference.budget == before


@pytest.mark.parametrize("who", ["cand_person", "mentor", "outsider"])
@pytest.mark.parametrize("kind", ["rotations", "conferences", "trainings"])
def test_only_managers_in_the_line_change_or_cancel(client, org, items, who, kind):
    item = items[kind]
    client.force_login(getattr(org, who).user)
    names = ["development:experience_edit", "development:experience_cancel"]
    if kind == "rotations" and who == "mentor":
        names.pop()  # the rotation's host sponsor may call it off (its own test)
    for name in names:
        url = reverse(name, args=[kind, item.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x"}).status_code == 404
    item.refresh_from_db()
    assert item.cancelled_on is None


def test_an_unknown_kind_is_404(client, org):
    client.force_login(org.alice.user)
    assert (
        client.get(reverse("development:experience_edit", args=["meetings", 1])).status_code == 404
    )


def test_a_manager_changes_a_pairings_cadence_and_the_due_day_follows(client, org):
    client.force_login(org.alice.user)
    url = reverse("mentorship:pairing_edit", args=[org.pairing.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"cadence_days": 30, "format": "formal", "goals": "Lead the QBR"})
    assert response.status_code == 302
    org.pairing.refresh_from_db()
    assert (org.pairing.cadence_days, org.pairing.goals) == (30, "Lead the QBR")
    assert org.pairing.checkin_due_on == (
        org.pairing.last_met_on or org.pairing.starts_on
    ) + dt.timedelta(days=30)
    assert client.post(url, {"cadence_days": 999, "format": "formal"}).status_code == 200
    org.pairing.refresh_from_db()
    assert org.pairing.cadence_days == 30


@pytest.mark.parametrize("who", ["mentor", "cand_person", "outsider"])
def test_only_managers_change_a_pairing(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("mentorship:pairing_edit", args=[org.pairing.pk])).status_code == 404
