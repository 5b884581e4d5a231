"""Readiness you can defend: evidence behind each readiness, staleness, confirmation,
the reminder, and the marks on the pool, the positions, the profile and the 9-box."""

import datetime as dt

import pytest
from django.urls import reverse

from candidates.models import CandidateEvent, Level
from common.dates import months_before
from notifications import services as notification_services
from notifications.models import Notification
from notifications.registry import collect_due
from succession.models import Readiness, ReadinessChange, ReadinessEvidence, SuccessorNomination
from succession.staleness import readiness_stale_before, readiness_stale_q
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY
LONG_AGO = TODAY - dt.timedelta(days=500)


def team_lead_seat(org):
    return factories.KeyPositionFactory(
        title="Support team lead – Lisbon", level=Level.TEAM_LEAD, department=org.support
    )


def stale_ready_now(org, position=None):
    """cand, ready now for a team-lead seat, nominated by alice 500 days ago and never
    looked at since."""
    return factories.NominationFactory(
        candidate=org.cand,
        position=position or team_lead_seat(org),
        readiness=Readiness.READY_NOW,
        nominated_by=org.alice,
        nominated_on=LONG_AGO,
    )


def assessed_rotation(org, days_ago=40):
    return factories.RotationFactory(
        person=org.cand_person,
        starts_on=TODAY - dt.timedelta(days=days_ago + 90),
        ends_on=TODAY - dt.timedelta(days=days_ago + 1),
        status="completed",
        objectives_met=True,
        assessed_on=TODAY - dt.timedelta(days=days_ago),
        assessed_by=org.mentor,
    )


def stale_ids(today=TODAY):
    return set(
        SuccessorNomination.objects.filter(readiness_stale_q(today)).values_list("pk", flat=True)
    )


# --- The rule -------------------------------------------------------------------------


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(dt.date(2026, 11, 24), 12) == dt.date(2025, 11, 24)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def test_a_readiness_goes_stale_the_day_after_the_limit_and_not_on_it(org):
    limit = readiness_stale_before(TODAY)
    on_the_limit = factories.NominationFactory(
        candidate=org.cand, position=team_lead_seat(org), readiness_confirmed_on=limit
    )
    a_day_older = factories.NominationFactory(
        candidate=org.cand, position=org.position, readiness_confirmed_on=limit - dt.timedelta(1)
    )
    assert stale_ids() == {a_day_older.pk}
    assert on_the_limit.pk not in stale_ids()


def test_fresh_evidence_keeps_an_old_confirmation_current(org):
    limit = readiness_stale_before(TODAY)
    nomination = stale_ready_now(org)
    assert stale_ids() == {nomination.pk}
    SuccessorNomination.objects.filter(pk=nomination.pk).update(evidence_latest_on=limit)
    assert stale_ids() == set()
    SuccessorNomination.objects.filter(pk=nomination.pk).update(
        evidence_latest_on=limit - dt.timedelta(days=1)
    )
    assert stale_ids() == {nomination.pk}


def test_the_age_comes_from_the_setting(org, settings):
    nomination = factories.NominationFactory(
        candidate=org.cand,
        position=team_lead_seat(org),
        readiness_confirmed_on=TODAY - dt.timedelta(days=200),
    )
    assert stale_ids() == set()
    settings.READINESS_STALE_MONTHS = 6
    assert stale_ids() == {nomination.pk}


# --- The readiness page -----------------------------------------------------------------


def test_the_manager_sees_a_stale_readiness_and_confirms_it(client, org):
    nomination = stale_ready_now(org)
    client.force_login(org.alice.user)
    url = reverse("succession:readiness", args=[nomination.pk])
    page = client.get(url).content.decode()
    assert "Stale" in page and "Confirm ready now" in page
    response = client.post(reverse("succession:confirm", args=[nomination.pk]), {"note": "Q4"})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.readiness_confirmed_on, nomination.readiness_confirmed_by) == (
        TODAY,
        org.alice,
    )
    change = ReadinessChange.objects.filter(nomination=nomination).latest("pk")
    assert (change.kind, change.changed_by, change.note) == ("confirmed", org.alice, "Q4")
    assert CandidateEvent.objects.filter(
        candidate=org.cand, summary__contains="confirmed: Ready now"
    ).exists()
    assert stale_ids() == set()
    assert "Current" in client.get(url).content.decode()


def test_confirming_twice_the_same_day_records_once(client, org):
    nomination = stale_ready_now(org)
    client.force_login(org.alice.user)
    for _ in range(2):
        client.post(reverse("succession:confirm", args=[nomination.pk]))
    assert ReadinessChange.objects.filter(nomination=nomination, kind="confirmed").count() == 1


def test_attaching_evidence_dates_the_readiness_and_detaching_undates_it(client, org):
    nomination = stale_ready_now(org)
    rotation = assessed_rotation(org)
    client.force_login(org.alice.user)
    url = reverse("succession:readiness", args=[nomination.pk])
    assert f"rotation:{rotation.pk}" in client.get(url).content.decode()
    client.post(url, {"readiness": "ready_now", "evidence": [f"rotation:{rotation.pk}"]})
    nomination.refresh_from_db()
    assert nomination.evidence_latest_on == rotation.assessed_on
    assert nomination.readiness_confirmed_on == LONG_AGO  # evidence is not a confirmation
    evidence = ReadinessEvidence.objects.get(nomination=nomination)
    assert (evidence.kind, evidence.item_id, evidence.attached_by) == (
        "rotation",
        rotation.pk,
        org.alice,
    )
    assert stale_ids() == set()
    client.post(url, {"readiness": "ready_now"})
    nomination.refresh_from_db()
    assert nomination.evidence_latest_on is None
    assert not ReadinessEvidence.objects.exists()
    assert stale_ids() == {nomination.pk}


def test_every_kind_of_evidence_is_offered_with_its_date(client, org):
    nomination = stale_ready_now(org)
    assessed_rotation(org)
    factories.CommitmentFactory(
        agreement=org.agreement, status="done", description="Finish the ITIL course"
    )
    factories.ConferenceFactory(
        candidate=org.cand, reviewed_at=dt.datetime.now(dt.UTC), reviewed_by=org.alice
    )
    factories.MeetingFactory(pairing=org.pairing, held_on=TODAY, potential_read=3)
    client.force_login(org.alice.user)
    page = client.get(reverse("succession:readiness", args=[nomination.pk])).content.decode()
    for words in (
        "Rotation assessed",
        "Commitment done",
        "Done: Finish the ITIL course",
        "Trip report reviewed",
        "reads potential as high",
    ):
        assert words in page


def test_an_item_of_someone_else_cannot_be_attached(client, org):
    nomination = stale_ready_now(org)
    theirs = factories.RotationFactory(person=org.other_person, assessed_on=TODAY)
    client.force_login(org.alice.user)
    url = reverse("succession:readiness", args=[nomination.pk])
    response = client.post(url, {"readiness": "ready_now", "evidence": [f"rotation:{theirs.pk}"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ReadinessEvidence.objects.exists()


def test_a_new_readiness_needs_a_reason_and_saves_nothing_without(client, org):
    nomination = stale_ready_now(org)
    client.force_login(org.alice.user)
    url = reverse("succession:readiness", args=[nomination.pk])
    response = client.post(url, {"readiness": "1_2_years", "note": "  "})
    assert "Say why the readiness changes" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.readiness == "ready_now"
    client.post(url, {"readiness": "1_2_years", "note": "Needs a budget cycle first."})
    nomination.refresh_from_db()
    assert (nomination.readiness, nomination.readiness_confirmed_on) == ("1_2_years", TODAY)


@pytest.mark.parametrize("who", ["outsider", "cand", "mentor", "bob"])
def test_the_readiness_pages_are_404_outside_the_line(client, org, who):
    nomination = stale_ready_now(org)
    client.force_login(getattr(org, who).user if who != "cand" else org.cand_person.user)
    assert client.get(reverse("succession:readiness", args=[nomination.pk])).status_code == 404
    assert client.post(reverse("succession:confirm", args=[nomination.pk])).status_code == 404
    nomination.refresh_from_db()
    assert nomination.readiness_confirmed_on == LONG_AGO


def test_confirm_is_post_only(client, org):
    nomination = stale_ready_now(org)
    client.force_login(org.alice.user)
    assert client.get(reverse("succession:confirm", args=[nomination.pk])).status_code == 405


@pytest.mark.parametrize("rotations", [1, 8])
def test_the_readiness_page_costs_the_same_queries_whatever_the_record(
    client, org, rotations, django_assert_num_queries
):
    nomination = stale_ready_now(org)
    for i in range(rotations):
        assessed_rotation(org, days_ago=40 + 100 * i)
    client.force_login(org.alice.user)
    url = reverse("succession:readiness", args=[nomination.pk])
    client.get(url)
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # the nomination, the evidence attached, the record (rotations, stretch outcomes,
    # trip reports, task forces, commitments done, mentor reads, review moves: one
    # UNION ALL), competency sessions (grouped), the position's must-haves, the history;
    # the audit row (INSERT).
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


# --- Marks on the pages ---------------------------------------------------------------


def test_the_position_page_says_how_many_ready_now_are_stale_and_shows_the_evidence(client, org):
    seat = team_lead_seat(org)
    stale = stale_ready_now(org, position=seat)
    backed = factories.NominationFactory(
        candidate=factories.CandidateFactory(
            person=factories.PersonFactory(manager=org.alice, level=Level.SENIOR_ENGINEER),
            nominated_by=org.alice,
        ),
        position=seat,
        readiness=Readiness.READY_NOW,
    )
    ReadinessEvidence.objects.create(
        nomination=backed,
        kind="rotation",
        item_id=1,
        dated_on=TODAY - dt.timedelta(days=3),
        summary="Project lead in QA: objectives met",
        attached_at=dt.datetime.now(dt.UTC),
    )
    client.force_login(org.alice.user)
    page = client.get(reverse("succession:position_detail", args=[seat.pk])).content.decode()
    assert "2 ready now, 1 of them stale" in page
    assert "Project lead in QA: objectives met" in page
    assert reverse("succession:readiness", args=[stale.pk]) in page
    positions = client.get(reverse("succession:positions")).content.decode()
    assert "1 of them stale" in positions
    assert "ready-now successors all stale" not in positions


def test_a_position_whose_only_ready_now_are_stale_is_a_succession_risk(client, org):
    seat = team_lead_seat(org)
    seat.incumbent = org.bob
    seat.save()
    nomination = stale_ready_now(org, position=seat)
    client.force_login(org.vp.user)
    page = client.get(reverse("succession:positions")).content.decode()
    assert "Ready-now successors all stale" in page
    client.force_login(org.alice.user)
    client.post(reverse("succession:confirm", args=[nomination.pk]))
    client.force_login(org.vp.user)
    assert "all stale" not in client.get(reverse("succession:positions")).content.decode()


def test_pool_profile_and_ninebox_mark_a_stale_readiness(client, org):
    nomination = stale_ready_now(org)
    org.cand.performance, org.cand.potential = 3, 3
    org.cand.save()
    client.force_login(org.alice.user)
    readiness_url = reverse("succession:readiness", args=[nomination.pk])
    assert readiness_url in client.get(reverse("front:pool")).content.decode()
    profile = client.get(reverse("front:profile", args=[org.cand.pk])).content.decode()
    assert "stale" in profile and "Confirm or change" in profile
    assert ">stale</span>" in client.get(reverse("front:ninebox")).content.decode()
    client.post(reverse("succession:confirm", args=[nomination.pk]))
    assert readiness_url not in client.get(reverse("front:pool")).content.decode()
    assert ">stale</span>" not in client.get(reverse("front:ninebox")).content.decode()


# --- The reminder -----------------------------------------------------------------------


def test_the_nominator_is_reminded_once_a_month_while_it_stays_stale(org):
    nomination = stale_ready_now(org)
    due = [d for d in collect_due(today=TODAY) if d.kind == "readiness_stale"]
    assert [(d.recipient_id, d.item_key) for d in due] == [
        (org.alice.user_id, f"nomination:{nomination.pk}")
    ]
    assert "still ready now for Support team lead – Lisbon" in due[0].title
    assert due[0].url == reverse("succession:readiness", args=[nomination.pk])
    notification_services.reminders_sweep(today=TODAY)
    notification_services.reminders_sweep(today=TODAY + dt.timedelta(days=1))
    kinds = Notification.objects.filter(kind="readiness_stale")
    in_a_month = TODAY.replace(day=1) + dt.timedelta(days=32)
    assert kinds.count() == (1 if (TODAY + dt.timedelta(days=1)).month == TODAY.month else 2)
    notification_services.reminders_sweep(today=in_a_month)
    assert kinds.filter(period_key=f"{in_a_month:%Y-%m}").count() == 1


def test_a_confirmed_readiness_is_not_reminded_and_a_gone_nominator_hands_over(org):
    nomination = stale_ready_now(org)
    SuccessorNomination.objects.filter(pk=nomination.pk).update(nominated_by=org.director)
    org.director.is_active = False
    org.director.save()
    due = [d for d in collect_due(today=TODAY) if d.kind == "readiness_stale"]
    assert [d.recipient_id for d in due] == [org.alice.user_id]  # cand's manager
    SuccessorNomination.objects.filter(pk=nomination.pk).update(readiness_confirmed_on=TODAY)
    assert not [d for d in collect_due(today=TODAY) if d.kind == "readiness_stale"]
