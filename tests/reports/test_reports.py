"""The programme's health over time: monthly snapshots (taken, rerun, backfilled), the
reports page and its CSVs, access by line, and agreement with the live pages."""

import csv
import datetime as dt
import io
import threading

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from candidates.models import Level
from front.selectors import pool_queryset, pool_rows
from reports.models import CandidateMonth, NominationMonth, PositionMonth, ProgrammeMonth
from reports.services import month_of, months_back, snapshot_backfill, snapshot_take
from succession.models import KeyPosition, Readiness, ReadinessChange
from succession.selectors import positions_with_bench
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY


def bench(org, size=1):
    """``size`` candidates in alice's team, each ready now for the org's position (one of
    them stale), paired with the mentor, with an agreement; and other's nomination
    outside alice's line."""
    for i in range(size):
        candidate = factories.CandidateFactory(
            person=factories.PersonFactory(
                manager=org.alice, level=Level.SENIOR_MANAGER - 2, full_name=f"Bench {i:03}"
            ),
            nominated_by=org.alice,
        )
        factories.NominationFactory(
            candidate=candidate,
            position=org.position,
            readiness=Readiness.READY_NOW,
            nominated_on=TODAY - dt.timedelta(days=500 if i == 0 else 40),
        )
        factories.PairingFactory(
            candidate=candidate,
            mentor=org.mentor,
            created_by=org.alice,
            last_met_on=TODAY - dt.timedelta(days=3),
        )
        factories.AgreementFactory(candidate=candidate)
    factories.NominationFactory(
        candidate=org.other,
        position=factories.KeyPositionFactory(title="R&D manager", incumbent=org.outsider),
    )


def figures(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("reports:health"), params)
    assert response.status_code == 200
    return response.context["table"][-1]["figures"] if response.context["table"] else None


def row_counts():
    return (
        ProgrammeMonth.objects.count(),
        NominationMonth.objects.count(),
        CandidateMonth.objects.count(),
        PositionMonth.objects.count(),
    )


def test_a_snapshot_taken_twice_holds_one_set_of_rows(org):
    bench(org, size=3)
    snapshot_take()
    first = row_counts()
    snapshot_take()
    assert row_counts() == first == (1, 4, 5, 2)
    month = ProgrammeMonth.objects.get()
    assert (month.month, month.as_of, month.source) == (month_of(TODAY), TODAY, "taken")


def test_the_task_and_the_command_take_this_months_snapshot(org):
    from reports.tasks import programme_snapshot

    bench(org)
    programme_snapshot.delay()
    call_command("programme_snapshot", stdout=io.StringIO())
    assert ProgrammeMonth.objects.count() == 1


def test_this_months_figures_agree_with_the_live_pages(client, org):
    bench(org, size=4)
    factories.pairing_dates_set(org.pairing, last_met_on=TODAY - dt.timedelta(days=60))
    snapshot_take()
    live = positions_with_bench(actor=actor_of(org.vp.user))
    pool = list(pool_rows(pool_queryset(actor=actor_of(org.vp.user))))
    shown = figures(client, org.vp.user)
    assert shown["ready_now"] == sum(p.ready_now for p in live)
    assert shown["stale"] == sum(p.bench_stale for p in live)
    assert shown["positions"] == len(live)
    assert shown["positions_ready_now"] == sum(1 for p in live if p.ready_now_all)
    assert shown["positions_fresh_ready_now"] == sum(
        1 for p in live if p.ready_now_all > p.ready_now_stale_all
    )
    assert shown["pairings"] == sum(1 for c in pool if c.mentor_name)
    assert shown["pairings_on_cadence"] == sum(
        1 for c in pool if c.mentor_name and not c.checkin_overdue
    )
    assert shown["pool_active"] == sum(1 for c in pool if c.status == "active")
    assert (shown["ready_now"], shown["stale"], shown["pairings_on_cadence"]) == (4, 1, 4)


def test_a_manager_sees_their_line_and_hr_sees_everyone(client, org):
    bench(org, size=2)
    snapshot_take()
    alice = figures(client, org.alice.user)
    vp = figures(client, org.vp.user)
    assert (alice["ready_now"], alice["ready_1_2"]) == (2, 0)
    assert (vp["ready_now"], vp["ready_1_2"]) == (2, 1)  # other's, outside alice's line
    assert alice["positions"] == 1 and vp["positions"] == 2


@pytest.mark.parametrize("who", ["cand", "other"])
def test_the_reports_are_404_for_anyone_who_manages_nobody(client, org, who):
    snapshot_take()
    person = org.cand_person if who == "cand" else org.other_person
    client.force_login(person.user)
    assert client.get(reverse("reports:health")).status_code == 404
    assert client.get(reverse("reports:series_csv", args=["ready_now"])).status_code == 404


def test_one_position_shows_its_own_series_and_a_bad_filter_says_so(client, org):
    bench(org, size=2)
    snapshot_take()
    client.force_login(org.vp.user)
    one = client.get(reverse("reports:health"), {"position": org.position.pk})
    assert one.context["table"][-1]["figures"]["ready_now"] == 2
    assert "pairings" not in one.context["table"][-1]["figures"]
    bad = client.get(reverse("reports:health"), {"position": "abc"})
    assert "Filter ignored, no such key position" in bad.content.decode()
    assert bad.context["position"] is None
    client.force_login(org.alice.user)
    theirs = KeyPosition.objects.get(title="R&D manager")
    hidden = client.get(reverse("reports:health"), {"position": theirs.pk})
    assert "Filter ignored" in hidden.content.decode()


def test_each_series_downloads_as_csv(client, org):
    bench(org, size=2)
    snapshot_backfill(months=2)
    client.force_login(org.vp.user)
    response = client.get(reverse("reports:series_csv", args=["ready_now"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["month", "as of", "Successors ready now"]
    assert [r[0] for r in rows[1:]] == [
        f"{months_back(month_of(TODAY), n):%Y-%m}" for n in (2, 1, 0)
    ]
    assert rows[-1][2] == "2"
    assert client.get(reverse("reports:series_csv", args=["nonsense"])).status_code == 404
    per_position = reverse("reports:series_csv", args=["graduations"])
    assert client.get(per_position, {"position": org.position.pk}).status_code == 404


def test_the_backfill_rebuilds_readiness_month_by_month_from_history(org):
    nomination = factories.NominationFactory(
        candidate=org.cand,
        position=org.position,
        readiness=Readiness.READY_NOW,
        nominated_on=months_back(month_of(TODAY), 3) + dt.timedelta(days=2),
        readiness_changed_on=months_back(month_of(TODAY), 1) + dt.timedelta(days=3),
        note="Ran the team for a quarter.",
    )
    ReadinessChange.objects.create(
        nomination=nomination,
        kind="nominated",
        readiness=Readiness.THREE_TO_FIVE_YEARS,
        changed_on=nomination.nominated_on,
    )
    ReadinessChange.objects.create(
        nomination=nomination,
        kind="changed",
        readiness=Readiness.READY_NOW,
        changed_on=nomination.readiness_changed_on,
    )
    snapshot_backfill(months=4)
    by_month = {
        row.month.month: row.readiness
        for row in NominationMonth.objects.filter(candidate=org.cand).select_related("month")
    }
    current = month_of(TODAY)
    assert months_back(current, 4) not in by_month  # not nominated yet
    assert by_month[months_back(current, 3)] == Readiness.THREE_TO_FIVE_YEARS
    assert by_month[months_back(current, 2)] == Readiness.THREE_TO_FIVE_YEARS
    assert by_month[months_back(current, 1)] == Readiness.READY_NOW
    assert by_month[current] == Readiness.READY_NOW
    assert ProgrammeMonth.objects.count() == 5


def test_the_backfill_keeps_a_month_taken_on_the_day_unless_forced(org):
    bench(org)
    last_month = months_back(month_of(TODAY), 1)
    taken = snapshot_take(as_of=last_month + dt.timedelta(days=27))
    ProgrammeMonth.objects.filter(pk=taken.pk).update(source="taken")
    snapshot_backfill(months=2)
    assert ProgrammeMonth.objects.get(month=last_month).source == "taken"
    snapshot_backfill(months=2, force=True)
    assert ProgrammeMonth.objects.get(month=last_month).source == "backfill"


@pytest.mark.parametrize("size", [1, 8])
def test_the_reports_page_costs_the_same_queries_with_two_years_of_history(
    client, org, size, django_assert_num_queries
):
    bench(org, size=size)
    snapshot_backfill(months=24)
    assert ProgrammeMonth.objects.count() == 25
    client.force_login(org.alice.user)
    url = reverse("reports:health")
    client.get(url)
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # the months, nominations by month, positions by month, candidates by month, the
    # positions for the filter; the insights of the line by month and state.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(response.context["table"]) == 24


def test_the_page_says_when_there_is_no_snapshot_yet(client, org):
    client.force_login(org.vp.user)
    assert "No snapshot yet" in client.get(reverse("reports:health")).content.decode()


if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
    # On PostgreSQL two workers really take the month at once; the month's row lock
    # makes the second wait, then replace the first's rows with the same figures.
    @pytest.mark.django_db(transaction=True)
    def test_two_workers_taking_the_month_at_once_leave_one_set_of_rows(org):
        bench(org, size=5)
        errors = []
        barrier = threading.Barrier(2)

        def take():
            try:
                barrier.wait(timeout=10)
                snapshot_take()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=take) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors, errors
        assert row_counts() == (1, 6, 7, 2)


def test_hr_reads_the_kept_totals_less_their_own_row_and_they_agree_with_the_rows(client, org):
    """HR's report comes from each month's kept totals, less HR's own candidacy (nobody
    counts themself): the same figures as summing the rows HR may see."""
    bench(org, size=3)
    vp_candidacy = factories.CandidateFactory(person=org.vp, nominated_by=org.vp)
    factories.NominationFactory(
        candidate=vp_candidacy,
        position=factories.KeyPositionFactory(title="Head of support", level=Level.EXECUTIVE),
        readiness=Readiness.READY_NOW,
    )
    header = snapshot_take()
    assert header.totals["ready_now"] == 4 and header.totals["pool_active"] == 6
    from_totals = figures(client, org.vp.user)
    ProgrammeMonth.objects.update(totals={})  # a month kept before totals: summed from rows
    from_rows = figures(client, org.vp.user)
    assert from_totals == from_rows
    assert (from_totals["ready_now"], from_totals["ready_1_2"]) == (3, 1)
    assert from_totals["pool_active"] == 5  # cand, other and the bench: not the VP


@pytest.mark.parametrize("months", [2, 24])
def test_hrs_report_costs_the_same_queries_with_two_years_of_history(
    client, org, months, django_assert_num_queries
):
    bench(org, size=2)
    snapshot_backfill(months=months)
    client.force_login(org.vp.user)
    url = reverse("reports:health")
    client.get(url)
    # user (the session: cache), the actor, the months (with their totals), the position
    # picker (its first 51 positions), the insights by month and state. An HR who is a
    # candidate pays two more: their own nominations' and candidacy's rows, taken off.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["table"]) == min(months + 1, 24)  # two years at most


def test_a_withdrawn_nomination_is_counted_in_its_month(client, org):
    from succession.services import nomination_withdraw

    nomination = factories.NominationFactory(candidate=org.cand, position=org.position)
    nomination_withdraw(actor=actor_of(org.alice), nomination=nomination, reason="Other track")
    snapshot_take(as_of=factories.TODAY)
    row = PositionMonth.objects.get(position=org.position, month__month=month_of(factories.TODAY))
    assert row.withdrawals == 1
    assert figures(client, org.vp.user)["withdrawals"] == 1
