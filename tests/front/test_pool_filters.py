"""Every filter of the talent pool, alone and combined, returns exactly the matching
candidates; a bad value drops that filter only, and the page says so."""

import datetime as dt

import pytest
from django.urls import reverse

from candidates.models import Level
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def pool(org):
    """Alice's line: cand (from the org) and four more, each different on purpose."""
    qa = factories.DepartmentFactory(name="QA", kind="qa")
    lead_position = factories.KeyPositionFactory(
        title="Team lead Tier 2", department=org.support, level=Level.TEAM_LEAD
    )

    def member(name, **fields):
        person_fields = {k: fields.pop(k) for k in ("level", "department", "title") if k in fields}
        person = factories.PersonFactory(
            manager=org.alice, full_name=name, **{"level": Level.SENIOR_ENGINEER, **person_fields}
        )
        return factories.CandidateFactory(person=person, nominated_by=org.alice, **fields)

    ana = member("Ana Quality", department=qa, flight_risk="high", performance=2, potential=3)
    member("Ben Paused", status="paused", flight_risk="low", performance=1, potential=1)
    cleo = member("Cleo Lead", level=Level.TEAM_LEAD, title="Team lead", performance=3, potential=2)
    dan = member("Dan Ready", flight_risk="low", performance=2, potential=2)
    factories.NominationFactory(candidate=dan, position=lead_position, readiness="ready_now")
    factories.NominationFactory(candidate=ana, position=lead_position, readiness="3_5_years")
    factories.NominationFactory(candidate=cleo, position=org.position, readiness="ready_now")
    overdue = factories.PairingFactory(candidate=ana, mentor=org.mentor, created_by=org.alice)
    factories.pairing_dates_set(overdue, last_met_on=TODAY - dt.timedelta(days=40))
    factories.pairing_dates_set(org.pairing, last_met_on=TODAY)  # cand: met today
    return {"qa": qa, "lead": lead_position, "position": org.position}


def names(client, params) -> set[str]:
    response = client.get(reverse("front:pool"), params)
    assert response.status_code == 200
    return {c.person.full_name for c in response.context["page"].object_list}


EVERYONE = {"Cand", "Ana Quality", "Ben Paused", "Cleo Lead", "Dan Ready"}
ACTIVE = EVERYONE - {"Ben Paused"}  # the default: active candidates only


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ACTIVE),
        ({"status": "all"}, EVERYONE),
        ({"q": "lead"}, {"Cleo Lead"}),
        ({"q": "ana quality"}, {"Ana Quality"}),
        ({"level": str(Level.TEAM_LEAD)}, {"Cleo Lead"}),
        ({"status": "paused"}, {"Ben Paused"}),
        ({"status": "active"}, ACTIVE),
        ({"readiness": "ready_now"}, {"Cleo Lead", "Dan Ready"}),
        ({"readiness": "3_5_years"}, {"Ana Quality"}),
        ({"flight_risk": "high"}, {"Ana Quality"}),
        ({"flight_risk": "low"}, {"Dan Ready"}),
        ({"flight_risk": "low", "status": "all"}, {"Ben Paused", "Dan Ready"}),
        ({"has_mentor": "yes"}, {"Cand", "Ana Quality"}),
        ({"has_mentor": "no"}, {"Cleo Lead", "Dan Ready"}),
        ({"overdue": "on"}, {"Ana Quality"}),
        ({"performance": "2"}, {"Ana Quality", "Dan Ready"}),
        ({"potential": "1"}, set()),
        ({"potential": "1", "status": "paused"}, {"Ben Paused"}),
        ({"performance": "2", "potential": "2"}, {"Dan Ready"}),
        ({"status": "active", "flight_risk": "low"}, {"Dan Ready"}),
        ({"has_mentor": "yes", "flight_risk": "medium"}, {"Cand"}),
        ({"q": "a", "readiness": "ready_now", "level": str(Level.SENIOR_ENGINEER)}, {"Dan Ready"}),
    ],
)
def test_each_filter_alone_and_combined_returns_exactly_the_matches(
    client, org, pool, params, expected
):
    client.force_login(org.alice.user)
    assert names(client, params) == expected


def test_the_department_and_position_filters_use_the_viewers_choices(client, org, pool):
    client.force_login(org.alice.user)
    assert names(client, {"department": str(pool["qa"].pk)}) == {"Ana Quality"}
    assert names(client, {"position": str(pool["lead"].pk)}) == {"Ana Quality", "Dan Ready"}
    assert names(client, {"position": str(pool["position"].pk)}) == {"Cleo Lead"}


def test_readiness_and_position_apply_to_the_same_nomination(client, org, pool):
    client.force_login(org.alice.user)
    params = {"position": str(pool["lead"].pk), "readiness": "ready_now"}
    assert names(client, params) == {"Dan Ready"}
    params = {"position": str(pool["position"].pk), "readiness": "3_5_years"}
    assert names(client, params) == set()


def test_a_bad_value_drops_that_filter_only_and_the_page_says_so(client, org, pool):
    client.force_login(org.alice.user)
    response = client.get(
        reverse("front:pool"),
        {"flight_risk": "low", "status": "all", "position": "not-a-position"},
    )
    assert {c.person.full_name for c in response.context["page"].object_list} == {
        "Ben Paused",
        "Dan Ready",
    }
    page = response.content.decode()
    assert "Filter ignored, Target position" in page


def test_a_position_outside_the_viewers_reach_is_not_a_choice(client, org, pool):
    hidden = factories.KeyPositionFactory(title="R&D lead", department=org.rnd)
    client.force_login(org.alice.user)
    response = client.get(reverse("front:pool"), {"position": str(hidden.pk)})
    assert {c.person.full_name for c in response.context["page"].object_list} == ACTIVE
    assert "Filter ignored, Target position" in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("name", "Ana Quality"),
        ("-name", "Dan Ready"),
        ("flight_risk", "Dan Ready"),
        ("-flight_risk", "Ana Quality"),
    ],
)
def test_sorting_happens_in_the_query(client, org, pool, sort, first):
    client.force_login(org.alice.user)
    response = client.get(reverse("front:pool"), {"sort": sort})
    assert response.context["page"].object_list[0].person.full_name == first


def test_the_ninebox_uses_the_same_filters(client, org, pool):
    client.force_login(org.alice.user)
    params = {"flight_risk": "low", "status": "all"}
    grid = client.get(reverse("front:ninebox"), params).context["grid"]
    counts = {(c["performance"], c["potential"]): c["count"] for row in grid for c in row}
    assert counts[(1, 1)] == 1 and counts[(2, 2)] == 1
    assert sum(counts.values()) == 2
    grid = client.get(reverse("front:ninebox"), {"flight_risk": "low"}).context["grid"]
    assert sum(c["count"] for row in grid for c in row) == 1  # the paused one is not shown
