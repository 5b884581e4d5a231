"""Emergency cover: each key position names who acts in it for its first weeks empty
(HR and its owner keep it), the position page shows it, and a coverage view says per
time zone which positions have nobody to lead them tomorrow, or one person only."""

import datetime as dt

import pytest
from django.urls import reverse

from candidates.models import Level
from succession.models import KeyPosition, Readiness
from succession.selectors import positions_with_bench
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY
COVERAGE = reverse("succession:coverage")


def seat(org, title, zone, incumbent=None, **extra):
    return factories.KeyPositionFactory(
        title=title,
        level=Level.TEAM_LEAD,
        department=org.support,
        incumbent=incumbent or org.bob,
        time_zone=zone,
        **extra,
    )


def ready_now(candidate, position):
    return factories.NominationFactory(
        candidate=candidate, position=position, readiness=Readiness.READY_NOW
    )


@pytest.fixture
def seats(org):
    """alice sees: EMEA (hers, UTC) with nobody; Lisbon A with cand only; Lisbon B with
    cand and an acting cover; Lisbon C with cand only; Toronto with `other` only, a
    successor outside her line."""
    lisbon_a = seat(org, "Queue lead A", "Europe/Lisbon")
    lisbon_b = seat(
        org, "Queue lead B", "Europe/Lisbon", acting_cover=org.director, cover_from=TODAY
    )
    lisbon_c = seat(org, "Queue lead C", "Europe/Lisbon")
    toronto = seat(org, "Queue lead Toronto", "America/Toronto", incumbent=org.nobody)
    for position in (lisbon_a, lisbon_b, lisbon_c):
        ready_now(org.cand, position)
    ready_now(org.other, toronto)
    return {"a": lisbon_a, "b": lisbon_b, "c": lisbon_c, "toronto": toronto}


def zone_of(page: str, zone: str) -> str:
    start = page.index(f'data-zone="{zone}"')
    end = page.find("data-zone=", start + 10)
    return page[start : end if end > 0 else None]


def test_a_manager_sees_which_seats_have_nobody_or_one_person(client, org, seats):
    client.force_login(org.alice.user)
    page = client.get(COVERAGE).content.decode()
    utc, lisbon, toronto = (zone_of(page, z) for z in ("UTC", "Europe/Lisbon", "America/Toronto"))
    assert "Support manager EMEA" in utc and "data-uncovered" in utc
    assert "Queue lead A</a>: Cand" in lisbon and "Queue lead C</a>: Cand" in lisbon
    assert "Queue lead B" not in lisbon  # cand and the acting cover: two people
    assert "a successor outside your line" in toronto and "Other" not in toronto
    assert "Cand is the last lead of" in page  # one person, two seats


def test_hr_sees_the_outside_successor_named(client, org, seats):
    client.force_login(org.vp.user)
    toronto = zone_of(client.get(COVERAGE).content.decode(), "America/Toronto")
    assert "Queue lead Toronto</a>: Other" in toronto


@pytest.mark.parametrize("who", ["cand_person", "nobody"])
def test_the_coverage_view_is_404_for_anyone_who_manages_nobody(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(COVERAGE).status_code == 404


def test_another_branch_sees_only_the_seat_its_own_successor_is_on(client, org, seats):
    client.force_login(org.outsider.user)
    page = client.get(COVERAGE).content.decode()
    assert "Queue lead Toronto</a>: Other" in page  # other is in the outsider's line
    assert "Queue lead A" not in page and "Support manager EMEA" not in page
    assert "Cand" not in page


@pytest.mark.parametrize("extra", [0, 12])
def test_the_coverage_view_costs_the_same_queries(
    client, org, seats, extra, django_assert_num_queries
):
    for n in range(extra):
        ready_now(org.cand, seat(org, f"More {n}", "Asia/Tokyo"))
    client.force_login(org.vp.user)
    # user (the session: cache), the actor; the positions with incumbent and cover,
    # their ready-now successors; the audit row (it names who is ready now)
    with django_assert_num_queries(5):
        assert client.get(COVERAGE).status_code == 200


# --- Naming the cover -------------------------------------------------------------------


def cover_url(position):
    return reverse("succession:cover", args=[position.pk])


def test_hr_names_an_acting_cover_shown_on_the_position_and_clears_it(client, org):
    position = org.position
    client.force_login(org.vp.user)
    response = client.post(
        cover_url(position),
        {"acting_cover": org.director.pk, "cover_from": "2026-12-14", "cover_note": "Knows EMEA"},
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert (position.acting_cover, position.cover_from, position.cover_note) == (
        org.director,
        dt.date(2026, 12, 14),
        "Knows EMEA",
    )
    client.force_login(org.alice.user)
    page = client.get(position.get_absolute_url()).content.decode()
    assert "Acting cover for the first weeks: <strong>Director</strong>" in page
    client.force_login(org.vp.user)
    client.post(cover_url(position), {"acting_cover": "", "cover_from": "", "cover_note": "x"})
    position.refresh_from_db()
    assert (position.acting_cover, position.cover_from, position.cover_note) == (None, None, "")


@pytest.mark.parametrize(
    "data, field",
    [
        ({"acting_cover": "alice", "cover_from": "2026-12-14"}, "acting_cover"),  # incumbent
        ({"acting_cover": "director", "cover_from": ""}, "cover_from"),
        ({"acting_cover": "director", "cover_from": "1900-01-01"}, "cover_from"),
        ({"acting_cover": "99999999", "cover_from": "2026-12-14"}, "acting_cover"),
    ],
)
def test_a_bad_cover_is_a_form_error_and_saves_nothing(client, org, data, field):
    who = data["acting_cover"]
    data = {**data, "acting_cover": getattr(org, who).pk if hasattr(org, who) else who}
    client.force_login(org.vp.user)
    response = client.post(cover_url(org.position), {**data, "cover_note": ""})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert KeyPosition.objects.get(pk=org.position.pk).acting_cover is None


def test_the_owner_names_the_cover_and_other_managers_get_404(client, org):
    position = org.position
    KeyPosition.objects.filter(pk=position.pk).update(owner=org.director)
    client.force_login(org.director.user)
    assert client.get(cover_url(position)).status_code == 200
    for who in (org.alice, org.cand_person, org.mentor, org.outsider):
        client.force_login(who.user)
        assert client.get(cover_url(position)).status_code == 404
        response = client.post(cover_url(position), {"acting_cover": org.bob.pk})
        assert response.status_code == 404
    assert KeyPosition.objects.get(pk=position.pk).acting_cover is None


def test_a_seat_with_neither_a_ready_now_successor_nor_a_cover_ranks_first(client, org):
    covered = seat(org, "Covered seat", "UTC")
    covered.acting_cover = org.director
    covered.save()
    bare = seat(org, "Bare seat", "UTC")
    for position in (covered, bare):
        factories.NominationFactory(candidate=org.cand, position=position)  # 1–2 years
    client.force_login(org.vp.user)
    rows = client.get(reverse("succession:positions")).context["page"].object_list
    titles = [p.title for p in rows]
    assert titles.index("Bare seat") < titles.index("Covered seat")
    reasons = {p.title: p.risk_reasons for p in rows}
    assert reasons["Bare seat"] == ["no ready-now successor", "no acting cover either"]
    assert reasons["Covered seat"] == ["no ready-now successor"]


def test_a_vacant_seat_with_a_cover_is_covered_and_a_cover_in_the_seat_is_not(client, org):
    vacant = seat(org, "Vacant seat", "UTC")
    KeyPosition.objects.filter(pk=vacant.pk).update(incumbent=None, acting_cover=org.director)
    held_by_cover = seat(org, "Held by its cover", "UTC", incumbent=org.director)
    KeyPosition.objects.filter(pk=held_by_cover.pk).update(acting_cover=org.director)
    client.force_login(org.vp.user)
    rows = client.get(reverse("succession:positions")).context["page"].object_list
    reasons = {p.title: p.risk_reasons for p in rows}
    assert reasons["Vacant seat"] == ["vacant", "no ready-now successor"]
    assert reasons["Held by its cover"] == ["no ready-now successor", "no acting cover either"]
    page = client.get(KeyPosition.objects.get(pk=held_by_cover.pk).get_absolute_url())
    assert "No acting cover named either" in page.content.decode()


def test_the_cover_who_takes_the_seat_no_longer_covers_it(client, org):
    position = seat(org, "Queue lead", "UTC", acting_cover=org.director, cover_from=TODAY)
    client.force_login(org.vp.user)
    response = client.post(
        reverse("succession:position_fill", args=[position.pk]),
        {"email": org.director.email, "filled_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert (position.incumbent, position.acting_cover, position.cover_from) == (
        org.director,
        None,
        None,
    )


def test_the_positions_list_groups_by_position_not_by_the_incumbents_risk(org):
    """The incumbent's flight risk is read once per position: the grouped query does not
    carry its subqueries in GROUP BY (PostgreSQL would run them for every nomination)."""
    sql = str(positions_with_bench(actor=factories.actor_of(org.vp)).query)
    group_by = [
        item.strip() for item in sql.split("GROUP BY", 1)[1].split("ORDER BY")[0].split(",")
    ]
    # The position's own columns (or its key alone) and whether it has an incumbent; no
    # selected expression by its place in the SELECT list, no subquery.
    assert not [item for item in group_by if item.isdigit() or "SELECT" in item], group_by
