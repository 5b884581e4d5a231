"""Did it come true: a fill keeps the slate as it stood (on it or not, at what
readiness, called by whom, a human decision or not, how long the seat was empty); the
new incumbent's manager is asked at 6, 12 and 18 months how it is going; the outcomes
report counts the ready-now hit rate, outcomes by readiness and each nominator's calls."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from candidates.models import Level
from candidates.services import person_leave
from common.dates import months_after
from notifications import services as notification_services
from notifications.models import Notification
from notifications.registry import collect_due
from succession import services
from succession.models import FillOutcome, PositionFill, Readiness
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY
OUTCOMES = reverse("reports:outcomes")


def seat(org, title="Support team lead – Lisbon", incumbent=None):
    return factories.KeyPositionFactory(
        title=title, level=Level.TEAM_LEAD, department=org.support, incumbent=incumbent
    )


def graduate(client, org, position):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("succession:change_status", args=[org.cand.pk]),
        {"status": "graduated", "reason": "Promoted", "position": position.pk},
    )
    assert response.status_code == 302
    return PositionFill.objects.get(position=position, person=org.cand_person)


def filled(org, position, person, *, months_ago, **slate):
    """A fill recorded ``months_ago`` months before today."""
    return PositionFill.objects.create(
        position=position,
        person=person,
        filled_on=months_after(TODAY, -months_ago),
        from_pool=slate.pop("from_pool", True),
        recorded_by=org.vp,
        **slate,
    )


def answer(fill, months, outcome):
    return FillOutcome.objects.create(
        fill=fill, at_months=months, outcome=outcome, answered_on=TODAY
    )


# --- The slate, kept with the fill ------------------------------------------------------


def test_a_graduation_keeps_the_slate_and_the_time_the_seat_stood_empty(client, org):
    position = seat(org, incumbent=org.bob)
    nomination = factories.NominationFactory(
        candidate=org.cand, position=position, readiness=Readiness.READY_NOW
    )
    nomination.override_by = org.vp
    nomination.override_reason = "Ran the queue through the outage"
    nomination.save()
    person_leave(person=org.bob, reason="Moved abroad")
    position.refresh_from_db()
    assert (position.incumbent, position.vacant_since) == (None, TODAY)
    position.vacant_since = TODAY - dt.timedelta(days=40)
    position.save()

    fill = graduate(client, org, position)
    assert (fill.on_slate, fill.readiness_at_fill, fill.nominated_by, fill.human_decision) == (
        True,
        Readiness.READY_NOW,
        org.alice,
        True,
    )
    assert fill.days_to_fill == 40
    position.refresh_from_db()
    assert (position.incumbent, position.vacant_since) == (org.cand_person, None)


def test_someone_from_outside_is_not_on_the_slate(client, org):
    position = seat(org)
    factories.NominationFactory(candidate=org.cand, position=position)
    client.force_login(org.vp.user)
    response = client.post(
        reverse("succession:position_fill", args=[position.pk]),
        {"email": org.bob.email, "filled_on": TODAY.isoformat(), "note": "Hired"},
    )
    assert response.status_code == 302
    fill = PositionFill.objects.get(position=position)
    assert (fill.person, fill.on_slate, fill.readiness_at_fill, fill.nominated_by) == (
        org.bob,
        False,
        "",
        None,
    )
    assert fill.days_to_fill is None  # the app never saw the seat fall empty


def test_taking_the_incumbent_off_a_seat_starts_its_vacancy(client, org):
    client.force_login(org.vp.user)
    position = org.position
    services.position_update(actor=factories.actor_of(org.vp), position=position, incumbent=None)
    position.refresh_from_db()
    assert position.vacant_since == TODAY
    # Saved again while empty (its description edited), it keeps the day it fell empty.
    earlier = TODAY - dt.timedelta(days=30)
    type(position).objects.filter(pk=position.pk).update(vacant_since=earlier)
    position.refresh_from_db()
    services.position_update(
        actor=factories.actor_of(org.vp), position=position, incumbent=None, description="x"
    )
    position.refresh_from_db()
    assert position.vacant_since == earlier
    services.position_update(
        actor=factories.actor_of(org.vp), position=position, incumbent=org.director
    )
    position.refresh_from_db()
    assert (position.incumbent, position.vacant_since) == (org.director, None)


# --- The checkpoints --------------------------------------------------------------------


def outcome_url(fill):
    return reverse("succession:fill_outcome", args=[fill.pk])


def test_the_manager_answers_at_six_months_and_corrects_the_answer(client, org):
    fill = filled(
        org,
        seat(org),
        org.cand_person,
        months_ago=7,
        on_slate=True,
        readiness_at_fill=Readiness.READY_NOW,
        nominated_by=org.alice,
    )
    client.force_login(org.alice.user)
    page = client.get(outcome_url(fill))
    assert page.status_code == 200
    assert page.context["form"]["at_months"].value() == 6
    assert [m for m, _ in page.context["form"].fields["at_months"].choices] == [6]
    assert "on the slate, <strong>ready now</strong>" in page.content.decode()
    response = client.post(outcome_url(fill), {"at_months": "6", "outcome": "settling"})
    assert response.status_code == 302
    response = client.post(
        outcome_url(fill), {"at_months": "6", "outcome": "thriving", "note": "Owns the queue"}
    )
    (kept,) = fill.outcomes.all()
    assert (kept.at_months, kept.outcome, kept.note, kept.answered_by) == (
        6,
        "thriving",
        "Owns the queue",
        org.alice,
    )
    assert "Thriving" in client.get(outcome_url(fill)).content.decode()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"at_months": "12", "outcome": "thriving"}, "at_months"),  # not reached
        ({"at_months": "7", "outcome": "thriving"}, "at_months"),
        ({"at_months": "6", "outcome": "great"}, "outcome"),
        ({"at_months": "x", "outcome": "thriving"}, "at_months"),
        ({"at_months": "6"}, "outcome"),
    ],
)
def test_a_bad_answer_is_a_form_error_and_saves_nothing(client, org, data, field):
    fill = filled(org, seat(org), org.cand_person, months_ago=7)
    client.force_login(org.alice.user)
    response = client.post(outcome_url(fill), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not FillOutcome.objects.exists()


def test_nothing_is_asked_before_six_months_nor_after_they_left(client, org):
    fill = filled(org, seat(org), org.cand_person, months_ago=3)
    client.force_login(org.alice.user)
    page = client.get(outcome_url(fill)).content.decode()
    assert "Nothing to answer yet: the first checkpoint is on" in page
    assert (
        client.post(outcome_url(fill), {"at_months": "6", "outcome": "thriving"}).status_code == 200
    )
    assert not FillOutcome.objects.exists()

    older = filled(org, seat(org, "Queue lead B"), org.bob, months_ago=19)
    answer(older, 6, "left")
    assert services.checkpoints_due(older, today=TODAY) == [6]
    response = client.post(outcome_url(older), {"at_months": "12", "outcome": "thriving"})
    assert "at_months" in response.context["form"].errors


@pytest.mark.parametrize("who", ["outsider", "mentor", "cand_person", "bob", "nobody"])
def test_the_answer_page_is_404_outside_the_newcomers_line(client, org, who):
    fill = filled(org, seat(org), org.cand_person, months_ago=7)
    client.force_login(getattr(org, who).user)
    assert client.get(outcome_url(fill)).status_code == 404
    assert client.post(outcome_url(fill), {"at_months": "6", "outcome": "left"}).status_code == 404
    assert not FillOutcome.objects.exists()


def test_reading_an_answer_page_leaves_one_audit_row(client, org):
    fill = filled(org, seat(org), org.cand_person, months_ago=7)
    client.force_login(org.director.user)
    response = client.get(outcome_url(fill))
    assert response["Cache-Control"].startswith("no-store")
    (row,) = AuditEvent.objects.all()
    assert (row.what, row.subject_person_id) == ("outcome", org.cand_person.pk)


@pytest.mark.parametrize("answers", [0, 3])
def test_the_answer_page_costs_the_same_queries(client, org, answers, django_assert_num_queries):
    fill = filled(org, seat(org), org.cand_person, months_ago=19)
    for months in (6, 12, 18)[:answers]:
        answer(fill, months, "settling")
    client.force_login(org.alice.user)
    # session user, the actor; the fill with its seat and people; its answers with who
    # gave them; the audit row
    with django_assert_num_queries(5):
        assert client.get(outcome_url(fill)).status_code == 200


# --- The reminder -----------------------------------------------------------------------


def test_the_manager_is_asked_once_at_each_checkpoint_and_never_after_they_left(org):
    fill = filled(org, seat(org), org.cand_person, months_ago=6)
    due = [d for d in collect_due(today=TODAY) if d.kind == "fill_outcome"]
    assert [(d.recipient_id, d.period_key) for d in due] == [(org.alice.user_id, "6m")]
    assert due[0].title == "6 months on: how is Cand doing as Support team lead – Lisbon?"
    notification_services.reminders_sweep(today=TODAY)
    notification_services.reminders_sweep(today=TODAY + dt.timedelta(days=1))
    assert Notification.objects.filter(kind="fill_outcome").count() == 1

    answer(fill, 6, "settling")
    assert not [d for d in collect_due(today=TODAY) if d.kind == "fill_outcome"]
    twelve = months_after(fill.filled_on, 12)
    (due,) = [d for d in collect_due(today=twelve) if d.kind == "fill_outcome"]
    assert due.period_key == "12m"

    answer(fill, 12, "left")
    eighteen = months_after(fill.filled_on, 18)
    assert not [d for d in collect_due(today=eighteen) if d.kind == "fill_outcome"]


# --- The report -------------------------------------------------------------------------


@pytest.fixture
def history(org):
    """Four fills in alice's line, one in the outsider's."""
    alice_calls = dict(on_slate=True, readiness_at_fill=Readiness.READY_NOW, nominated_by=org.alice)
    right = filled(org, seat(org, "A"), org.cand_person, months_ago=13, **alice_calls)
    answer(right, 6, "settling")
    answer(right, 12, "thriving")
    decided = filled(org, seat(org, "B"), org.bob, months_ago=8, human_decision=True, **alice_calls)
    answer(decided, 6, "struggling")
    early = filled(
        org,
        seat(org, "C"),
        org.nobody,
        months_ago=7,
        on_slate=True,
        readiness_at_fill=Readiness.ONE_TO_TWO_YEARS,
        nominated_by=org.director,
    )
    outside = filled(
        org,
        seat(org, "D"),
        org.bob,
        months_ago=2,
        from_pool=False,
        vacant_since=months_after(TODAY, -4),
    )
    theirs = filled(org, seat(org, "E"), org.other_person, months_ago=9, from_pool=False)
    answer(theirs, 6, "left")
    return locals()


def test_the_report_counts_the_hit_rate_outcomes_and_each_nominators_calls(client, org, history):
    client.force_login(org.director.user)
    response = client.get(OUTCOMES)
    report = response.context
    assert (report["total"], report["from_slate"], report["ready_now"], report["hit_rate"]) == (
        4,
        3,
        2,
        50,
    )
    rows = {
        t.label: (t.fills, t.outcome_counts, t.unanswered, t.came_true)
        for t in report["by_readiness"]
    }
    # thriving, settling, struggling, left
    assert rows["Ready now"] == (1, [1, 0, 0, 0], 0, 100)
    assert rows["Ready now by human decision"] == (1, [0, 0, 1, 0], 0, 0)
    assert rows["Ready in 1–2 years"] == (1, [0, 0, 0, 0], 1, None)
    assert rows["Not on the seat's slate"] == (1, [0, 0, 0, 0], 1, None)
    (alice,) = report["nominators"]
    assert (alice.label, alice.fills, alice.came_true) == ("Alice", 2, 50)
    assert (
        report["median_days_to_fill"]
        == (history["outside"].filled_on - months_after(TODAY, -4)).days
    )
    assert [f.person.full_name for f in report["to_answer"]] == ["Nobody"]  # 6 months, owed
    page = response.content.decode()
    assert "Other" not in page  # a fill outside the line is neither named nor counted


def test_hr_sees_every_fill(client, org, history):
    client.force_login(org.vp.user)
    report = client.get(OUTCOMES).context
    assert report["total"] == 5
    assert {t.label for t in report["nominators"]} == {"Alice"}


def test_an_empty_history_says_how_fills_are_recorded(client, org):
    client.force_login(org.alice.user)
    page = client.get(OUTCOMES).content.decode()
    assert "No key seat filled since" in page and "data-fills" not in page


def test_another_branch_sees_only_its_own_newcomers(client, org, history):
    client.force_login(org.mentor.user)  # the outsider and other report to them
    report = client.get(OUTCOMES).context
    assert [f.person.full_name for f in report["fills"]] == ["Other"]
    assert report["nominators"] == []


@pytest.mark.parametrize("who", ["cand_person", "other_person", "nobody"])
def test_the_report_is_404_for_anyone_who_manages_nobody(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(OUTCOMES).status_code == 404


def test_the_report_leaves_one_audit_row(client, org, history):
    client.force_login(org.alice.user)
    client.get(OUTCOMES)
    (row,) = AuditEvent.objects.all()
    assert row.what == "outcome"


@pytest.mark.parametrize("extra", [0, 10])
def test_the_report_costs_the_same_queries(client, org, history, extra, django_assert_num_queries):
    for n in range(extra):
        answer(filled(org, seat(org, f"More {n}"), org.bob, months_ago=7), 6, "thriving")
    client.force_login(org.vp.user)
    # session user, the actor; the fills with seat, newcomer and nominator; their
    # answers; the first year: plan items per fill, pairings now; the audit row
    with django_assert_num_queries(7):
        assert client.get(OUTCOMES).status_code == 200
