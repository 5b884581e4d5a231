"""The managers' pages: pool, CSV, 9-box, key positions, profile."""

import csv
import io

import pytest
from django.urls import reverse

from candidates.models import Level
from mentorship.models import MentorPairing
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db


def grow_team(org, size: int):
    """``size`` more candidates in alice's team, with mentors, nominations and agreements."""
    for i in range(size):
        person = factories.PersonFactory(
            manager=org.alice, level=Level.SENIOR_ENGINEER, full_name=f"Teammate {i:03}"
        )
        candidate = factories.CandidateFactory(person=person, nominated_by=org.alice)
        factories.PairingFactory(candidate=candidate, mentor=org.mentor, created_by=org.alice)
        factories.NominationFactory(candidate=candidate, position=org.position)
        factories.CommitmentFactory(agreement=factories.AgreementFactory(candidate=candidate))


def csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


# --- Talent pool ------------------------------------------------------------------------


def test_a_manager_sees_the_candidates_of_their_line(client, org):
    client.force_login(org.alice.user)
    response = client.get(reverse("front:pool"))
    assert response.status_code == 200
    page = response.content.decode()
    # Names as links to the profiles ("Cand" alone is in "Candidate", the column's header).
    assert f'href="{reverse("front:profile", args=[org.cand.pk])}">Cand</a>' in page
    assert reverse("front:profile", args=[org.other.pk]) not in page  # another branch
    assert "Mentor" in page and "Morgan" not in page


def test_view_all_talent_sees_every_candidate(client, org):
    client.force_login(org.vp.user)
    page = client.get(reverse("front:pool")).content.decode()
    assert ">Cand<" in page and ">Other<" in page


@pytest.mark.parametrize("who", ["cand_person", "other_person", "nobody"])
def test_people_who_manage_no_one_get_404_on_every_manager_page(client, org, who):
    client.force_login(getattr(org, who).user)
    for name in (
        "front:pool",
        "front:ninebox",
        "succession:positions",
        "candidates:nominate",
    ):
        assert client.get(reverse(name)).status_code == 404, name
    assert (
        client.get(reverse("succession:position_detail", args=[org.position.pk])).status_code == 404
    )


def test_the_pool_asks_anonymous_visitors_to_log_in(client, org):
    response = client.get(reverse("front:pool"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_filters_live_in_the_url_and_narrow_the_pool(client, org):
    grow_team(org, 3)
    factories.NominationFactory(candidate=org.cand, position=org.position, readiness="ready_now")
    client.force_login(org.alice.user)
    page = client.get(reverse("front:pool"), {"readiness": "ready_now"}).content.decode()
    assert ">Cand<" in page
    assert "Teammate 000" not in page
    page = client.get(reverse("front:pool"), {"q": "teammate 001"}).content.decode()
    assert "Teammate 001" in page and "Teammate 002" not in page
    page = client.get(reverse("front:pool"), {"has_mentor": "no"}).content.decode()
    assert "No candidate matches these filters" in page


def test_the_overdue_filter_finds_pairings_past_their_cadence(client, org):
    import datetime as dt

    factories.pairing_dates_set(org.pairing, last_met_on=dt.date.today() - dt.timedelta(days=30))
    grow_team(org, 1)
    for pairing in MentorPairing.objects.exclude(pk=org.pairing.pk):
        factories.pairing_dates_set(pairing, last_met_on=dt.date.today())
    client.force_login(org.alice.user)
    page = client.get(reverse("front:pool"), {"overdue": "on"}).content.decode()
    assert ">Cand<" in page
    assert "Teammate 000" not in page
    assert "30 days ago" in page


def test_bad_filter_values_are_ignored_not_a_500(client, org):
    """Values that do not validate drop their filter only, and the page says so: the
    pool lists what it lists without them."""
    client.force_login(org.alice.user)
    response = client.get(
        reverse("front:pool"), {"level": "x", "department": "999", "sort": "nope"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{reverse("front:profile", args=[org.cand.pk])}"' in page  # still listed
    assert list(response.context["page"].object_list) == list(
        client.get(reverse("front:pool")).context["page"].object_list
    )
    assert "not valid" in page or "ignored" in page


def test_sorting_by_flight_risk_puts_the_highest_first(client, org):
    grow_team(org, 2)
    from candidates.models import Candidate

    Candidate.objects.filter(person__full_name="Teammate 001").update(flight_risk="high")
    client.force_login(org.alice.user)
    page = client.get(reverse("front:pool"), {"sort": "-flight_risk"}).content.decode()
    assert page.index("Teammate 001") < page.index(">Cand<")


def test_the_empty_pool_says_how_to_nominate_someone(client, org):
    org.cand.delete()
    client.force_login(org.alice.user)
    page = client.get(reverse("front:pool")).content.decode()
    assert "Your succession pool is empty" in page
    assert reverse("candidates:nominate") in page


@pytest.mark.parametrize("size", [3, 30])
def test_the_pool_costs_the_same_queries_whatever_its_size(
    client, org, size, django_assert_num_queries
):
    grow_team(org, size)
    client.force_login(org.alice.user)
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # filter options (departments), the position picker (its first 51 positions), count,
    # page rows (one join to the active pairing), nominations prefetch, follow-ups; the
    # audit row (INSERT)
    with django_assert_num_queries(9):
        response = client.get(reverse("front:pool"), {"overdue": "on", "sort": "progress"})
    assert response.status_code == 200


def test_the_csv_holds_exactly_the_filtered_rows_the_manager_may_see(client, org):
    grow_team(org, 3)
    client.force_login(org.alice.user)
    response = client.get(reverse("front:pool"), {"export": "csv", "q": "Teammate"})
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert sorted(r["name"] for r in rows) == ["Teammate 000", "Teammate 001", "Teammate 002"]
    client.force_login(org.outsider.user)
    names = [r["name"] for r in csv_rows(client.get(reverse("front:pool"), {"export": "csv"}))]
    assert names == ["Other"]


def test_the_csv_is_404_for_non_managers(client, org):
    client.force_login(org.cand_person.user)
    assert client.get(reverse("front:pool"), {"export": "csv"}).status_code == 404


# --- 9-box ------------------------------------------------------------------------------


def test_the_ninebox_counts_each_cell_and_links_to_the_filtered_pool(client, org):
    grow_team(org, 2)
    client.force_login(org.alice.user)
    response = client.get(reverse("front:ninebox"))
    assert response.status_code == 200
    future_leaders = next(
        c for row in response.context["grid"] for c in row if c["label"] == "Future leader"
    )
    assert future_leaders["count"] == 3
    assert "performance=3&amp;potential=3" in response.content.decode()
    page = client.get(reverse("front:pool"), {"performance": 3, "potential": 3}).content.decode()
    assert ">Cand<" in page


@pytest.mark.parametrize("size", [3, 30])
def test_the_ninebox_costs_the_same_queries_whatever_its_size(
    client, org, size, django_assert_num_queries
):
    grow_team(org, size)
    client.force_login(org.alice.user)
    # user (the session: cache), the actor (one query), counts per cell, names per cell, filter
    # options (departments), the position picker (its first 51); the audit row (INSERT)
    with django_assert_num_queries(7):
        assert client.get(reverse("front:ninebox")).status_code == 200


# --- Key positions ----------------------------------------------------------------------


def test_positions_show_bench_strength_and_put_risk_first(client, org):
    covered = factories.KeyPositionFactory(title="Team lead EMEA", incumbent=org.bob)
    factories.NominationFactory(candidate=org.cand, position=covered, readiness="ready_now")
    client.force_login(org.alice.user)
    response = client.get(reverse("succession:positions"))
    rows = list(response.context["page"].object_list)
    assert [p.title for p in rows] == ["Support manager EMEA", "Team lead EMEA"]
    assert rows[0].at_risk and "no ready-now successor" in rows[0].risk_reasons
    assert (rows[1].ready_now, rows[1].at_risk) == (1, False)


def test_an_incumbent_with_high_flight_risk_and_a_thin_bench_is_a_risk(client, org):
    org.cand.flight_risk = "high"
    org.cand.save()
    held = factories.KeyPositionFactory(title="Escalation lead", incumbent=org.cand_person)
    factories.NominationFactory(
        candidate=factories.CandidateFactory(person=org.bob, nominated_by=org.alice),
        position=held,
        readiness="ready_now",
    )
    client.force_login(org.alice.user)
    rows = {
        p.title: p for p in client.get(reverse("succession:positions")).context["page"].object_list
    }
    assert "incumbent may leave, thin bench" in rows["Escalation lead"].risk_reasons


@pytest.mark.parametrize("size", [3, 30])
def test_positions_cost_the_same_queries_whatever_their_size(
    client, org, size, django_assert_num_queries
):
    grow_team(org, size)
    for i in range(size):
        factories.KeyPositionFactory(title=f"Seat {i}", incumbent=org.bob)
    client.force_login(org.alice.user)
    # user (the session: cache), the actor (one query), how many positions and how many at risk
    # (one query), one page of positions with their bench (grouped, sorted in SQL), the
    # page's departments and incumbents; the audit row (INSERT)
    with django_assert_num_queries(6):
        assert client.get(reverse("succession:positions")).status_code == 200


def test_the_position_page_shows_the_chain_if_the_incumbent_left_tomorrow(client, org):
    factories.NominationFactory(candidate=org.cand, position=org.position, readiness="ready_now")
    own = factories.KeyPositionFactory(title="Escalation desk lead", incumbent=org.cand_person)
    backfill = factories.CandidateFactory(person=org.bob, nominated_by=org.alice)
    factories.NominationFactory(candidate=backfill, position=own, readiness="1_2_years")
    client.force_login(org.director.user)
    response = client.get(reverse("succession:position_detail", args=[org.position.pk]))
    assert response.status_code == 200
    link = response.context["chain"][0]
    assert link["nomination"].candidate == org.cand
    assert link["own_position"] == own
    assert [n.candidate for n in link["backfill"]] == [backfill]


def test_a_position_outside_the_managers_scope_is_404(client, org):
    client.force_login(org.outsider.user)
    assert (
        client.get(reverse("succession:position_detail", args=[org.position.pk])).status_code == 404
    )


@pytest.mark.parametrize("size", [3, 30])
def test_the_position_page_costs_the_same_queries_whatever_its_bench(
    client, org, size, django_assert_num_queries
):
    grow_team(org, size)
    client.force_login(org.alice.user)
    # user (the session: cache), the actor, the position, the bench with staleness, the
    # ready-now's backfill counts, evidence, the position's must-haves, the withdrawn
    # nominations, the successor picker (EXISTS for "anyone to nominate?", then its first
    # options: a long list is never read whole), the audit row
    with django_assert_num_queries(11):
        assert (
            client.get(reverse("succession:position_detail", args=[org.position.pk])).status_code
            == 200
        )


# --- Candidate profile ------------------------------------------------------------------


def test_a_manager_sees_the_full_profile_with_ratings_and_timeline(client, org):
    from candidates.services import candidate_rate

    candidate_rate(
        actor=actor_of(org.alice),
        candidate=org.cand,
        performance=2,
        potential=3,
        flight_risk="high",
        reason="Offer from a competitor",
        flight_risk_reason="Offer",
    )
    client.force_login(org.alice.user)
    page = client.get(reverse("front:profile", args=[org.cand.pk])).content.decode()
    assert "Rating history" in page
    assert "Offer from a competitor" in page
    assert "Rated performance 2/3" in page  # on the timeline


def test_a_mentor_sees_the_limited_profile_without_confidential_data(client, org):
    from candidates.services import candidate_rate

    candidate_rate(
        actor=actor_of(org.alice),
        candidate=org.cand,
        performance=2,
        potential=3,
        flight_risk="high",
        reason="Offer from a competitor",
        flight_risk_reason="Offer",
    )
    client.force_login(org.mentor.user)
    response = client.get(reverse("front:profile", args=[org.cand.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    for secret in (
        "Rating history",
        "Offer from a competitor",
        "Flight risk",
        "Future leader",
        "Rated performance",
        "Successor nominations",
        "Nominated",
    ):
        assert secret not in page, secret
    assert "as Cand's mentor" in page


@pytest.mark.parametrize("who", ["cand_person", "bob", "outsider", "other_person"])
def test_the_profile_is_404_for_everyone_else_the_candidate_included(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("front:profile", args=[org.cand.pk])).status_code == 404


@pytest.mark.parametrize("events", [3, 30])
def test_the_profile_costs_the_same_queries_whatever_its_history(
    client, org, events, django_assert_num_queries
):
    from candidates.services import candidate_rate

    for i in range(events):
        candidate_rate(
            actor=actor_of(org.alice),
            candidate=org.cand,
            performance=1 + i % 3,
            potential=2,
            flight_risk="low",
            reason=f"Review {i}",
        )
    client.force_login(org.alice.user)
    # user (the session: cache), the actor (one query), the candidate with its nominator, pairing,
    # agreement with its progress, nominations, the competency picture (managers'
    # ratings, hosts' scores, mentor's reads: one UNION ALL), timeline, rating history,
    # every experience (one UNION ALL), their own words, their self-assessment; the
    # audit row (INSERT)
    with django_assert_num_queries(13):
        assert client.get(reverse("front:profile", args=[org.cand.pk])).status_code == 200
