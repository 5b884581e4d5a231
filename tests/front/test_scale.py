"""What must hold at 100,000 people: every 9-box cell names its people however crowded
another cell is, the CSV reads a fixed number of queries, key positions sort and page in
SQL, a picker reads its options once."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from candidates.models import Candidate, Level, Person
from common.dates import months_before
from succession.models import KeyPosition
from supportdata.models import SupportMonth
from tests import factories

pytestmark = pytest.mark.django_db


def line_of(org, n: int, *, name: str = "Report", first_path: int = 20_000_000) -> list:
    """``n`` more people in alice's line, none in the pool (bulk: fast)."""
    return Person.objects.bulk_create(
        Person(
            full_name=f"{name} {i:05}",
            email=f"{name.lower()}{i}@example.com",
            title="Support engineer",
            level=Level.ENGINEER,
            department=org.support,
            manager=org.alice,
            reporting_path=f"{org.alice.reporting_path}{first_path + i}/",
        )
        for i in range(n)
    )


def crowd(org, n: int, performance: int = 1, potential: int = 1) -> None:
    """``n`` rated candidates in alice's team, all in one 9-box cell (bulk: fast)."""
    people = line_of(org, n, name="Crowd", first_path=10_000_000)
    Candidate.objects.bulk_create(
        Candidate(
            person=person,
            nominated_by=org.alice,
            nominated_on=factories.TODAY,
            nomination_reason="Crowd",
            performance=performance,
            potential=potential,
        )
        for person in people
    )


def test_every_ninebox_cell_names_its_people_however_crowded_another_is(client, org):
    crowd(org, 1_900)  # the first cell in the old name order: it used to fill the cut
    org.cand.performance, org.cand.potential = 3, 3
    org.cand.save()
    client.force_login(org.alice.user)
    grid = client.get(reverse("front:ninebox")).context["grid"]
    cells = {(c["performance"], c["potential"]): c for row in grid for c in row}
    assert cells[(1, 1)]["count"] == 1_900
    assert len(cells[(1, 1)]["people"]) == 8
    assert [p["person__full_name"] for p in cells[(3, 3)]["people"]] == ["Cand"]


@pytest.mark.parametrize("size", [3, 60])
def test_the_csv_reads_a_fixed_number_of_queries(client, org, size, django_assert_num_queries):
    crowd(org, size)
    client.force_login(org.alice.user)
    # user (the session: cache), the actor (one query), filter options (departments), the
    # target positions of every row, the rows (values, in batches); the audit row (INSERT)
    with django_assert_num_queries(6):
        response = client.get(reverse("front:pool"), {"export": "csv"})
        body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == size + 1  # and cand
    crowd_row = next(r for r in rows if r["name"] == "Crowd 00000")
    assert (crowd_row["9-box"], crowd_row["level"], crowd_row["status"]) == (
        "Underperformer",
        "Engineer",
        "Active",
    )


def test_the_csv_names_the_target_positions_with_their_readiness(client, org):
    factories.NominationFactory(candidate=org.cand, position=org.position, readiness="1_2_years")
    client.force_login(org.alice.user)
    response = client.get(reverse("front:pool"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["target positions"] == "Support manager EMEA (Ready in 1–2 years)"


def test_key_positions_are_sorted_risk_first_and_paged_in_sql(client, org, settings):
    settings.PAGE_SIZE = 5
    for i in range(12):
        factories.KeyPositionFactory(
            title=f"Covered {i:02}", department=org.support, incumbent=org.bob
        )
    covered = KeyPosition.objects.filter(title__startswith="Covered")
    for position in covered:
        factories.NominationFactory(candidate=org.cand, position=position, readiness="ready_now")
    vacant = factories.KeyPositionFactory(title="Vacant seat", department=org.support)
    factories.NominationFactory(candidate=org.cand, position=vacant, readiness="ready_now")
    client.force_login(org.vp.user)
    first = client.get(reverse("succession:positions")).context
    titles = [p.title for p in first["page"].object_list]
    assert titles[:2] == ["Support manager EMEA", "Vacant seat"]  # one reason each
    assert first["page"].paginator.num_pages == 3
    assert first["at_risk"] == 2  # the vacant seat, and org.position with nobody ready
    last = client.get(reverse("succession:positions"), {"page": 3}).context["page"].object_list
    assert [p.title for p in last] == ["Covered 08", "Covered 09", "Covered 10", "Covered 11"]
    assert all(p.risk_reasons == [] for p in last)


def test_a_long_picker_renders_every_option(client, org):
    crowd(org, 30)
    client.force_login(org.alice.user)
    page = client.get(
        reverse("succession:position_detail", args=[org.position.pk])
    ).content.decode()
    assert all(page.count(f"Crowd {i:05} · Support engineer") == 1 for i in range(30))


@pytest.mark.parametrize("size", [1, 6])
def test_my_plan_costs_the_same_queries_whatever_the_plan(
    client, org, size, django_assert_num_queries
):
    for i in range(size):
        factories.CommitmentFactory(agreement=org.agreement, description=f"Commitment {i}")
        meeting = factories.MeetingFactory(pairing=org.pairing)
        factories.ActionItemFactory(meeting=meeting, owner=org.cand_person)
        factories.ActionItemFactory(meeting=meeting, owner=org.mentor)
        factories.ConferenceFactory(candidate=org.cand, name=f"Conference {i}")
        factories.RotationFactory(person=org.cand_person, assigned_by=org.alice)
    client.force_login(org.cand_person.user)
    client.get(reverse("me"))
    # user (the session: cache), the actor (one query), the candidacy with its person and
    # department; the agreement with its progress, its commitments and the candidate's
    # proposals, the current signatures; the pairing, recent meetings, their topics,
    # their action items, my open action items; every experience (one UNION ALL); my
    # support months (none here); my own words, my self-assessment
    with django_assert_num_queries(15):
        assert client.get(reverse("me")).status_code == 200
    # With a support record: its months, and the team's medians beside them.
    for month in range(1, size + 1):
        SupportMonth.objects.create(
            person=org.cand_person,
            month=months_before(dt.date.today().replace(day=1), month - 1),
            tickets_solved=10 + month,
        )
    with django_assert_num_queries(16):
        page = client.get(reverse("me")).content.decode()
    assert "My support work" in page


@pytest.mark.parametrize("size", [250, 900])
def test_a_long_line_is_searched_before_anyone_is_listed(
    client, org, size, django_assert_num_queries
):
    line_of(org, size)
    client.force_login(org.alice.user)
    url = reverse("candidates:nominate")
    page = client.get(url).content.decode()
    assert "search for the one to nominate" in page and "Report 00001" not in page
    # user (the session: cache), the actor (one query), how many, the matches (at most 200)
    with django_assert_num_queries(4):
        found = client.get(url, {"q": "report 0001"}).content.decode()
    assert found.count(">Report 0001") == 10  # Report 00010 to 00019, as options
    many = client.get(url, {"q": "report"}).content.decode()
    assert "The first 200 matches" in many
    nobody = client.get(url, {"q": "zzz"}).content.decode()
    assert "Nobody who is not in the pool yet matches" in nobody


def test_someone_found_by_search_is_nominated(client, org):
    line_of(org, 250)
    person = Person.objects.get(full_name="Report 00123")
    client.force_login(org.alice.user)
    response = client.post(
        reverse("candidates:nominate"),
        {
            "person": person.pk,
            "reason": "Runs the night shift like a lead.",
            "performance": 3,
            "potential": 3,
            "flight_risk": "low",
        },
    )
    assert response.status_code == 302
    assert Candidate.objects.filter(person=person).exists()
