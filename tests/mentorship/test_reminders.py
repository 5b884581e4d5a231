"""The reminder sweep: what is due, once per recipient/item/period, e-mails with retry."""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection

from notifications import services, tasks
from notifications.models import Notification, NotificationPreference
from notifications.registry import REGISTRY, collect_due
from tests import factories

from . import failing_backend

TODAY = dt.date.today()


def make_due(org):
    """cand's check-in is 30 days old on a 14-day cadence: mentor and mentee are due."""
    factories.pairing_dates_set(org.pairing, last_met_on=TODAY - dt.timedelta(days=30))


@pytest.mark.django_db
def test_every_reminder_kind_is_registered():
    assert set(REGISTRY) == {
        "checkin_due",
        "meeting_tomorrow",
        "agreement_review",
        "commitment_due",
        "proposal_waiting",
        "trip_report_due",
        "benchmark_questions",
        "rotation_ending",
        "review_closed",  # sent when a talent review closes, not swept
        "agreement_closed",  # sent to the sponsor when the candidate leaves, not swept
        "rotation_hosted",  # sent to the person's manager when another team hosts them
        "rotation_cancelled",  # to the other side when host or manager calls it off
        "readiness_stale",  # a successor's readiness with nothing newer than a year
        "fill_outcome",  # a filled key seat's 6, 12 or 18 months: how is it going
        "insight_raised",  # to the area's owner when someone raises an insight
        "insight_answered",  # to the raiser when the owner answers
        "application_to_endorse",  # to the applicant's manager when they apply
        "application_outcome",  # to each applicant when the cohort is formed
    }


@pytest.mark.django_db
def test_a_pairing_past_its_cadence_reminds_mentor_and_mentee(org):
    make_due(org)
    due = [d for d in collect_due(today=TODAY) if d.kind == "checkin_due"]
    assert {d.recipient_id for d in due} == {org.mentor.user_id, org.cand_person.user_id}
    assert {d.period_key for d in due} == {(TODAY - dt.timedelta(days=16)).isoformat()}


@pytest.mark.django_db
def test_a_meeting_tomorrow_reminds_both(org):
    factories.pairing_dates_set(
        org.pairing, last_met_on=TODAY, next_meeting_on=TODAY + dt.timedelta(days=1)
    )
    due = [d for d in collect_due(today=TODAY) if d.kind == "meeting_tomorrow"]
    assert {d.recipient_id for d in due} == {org.mentor.user_id, org.cand_person.user_id}


@pytest.mark.django_db
def test_a_meeting_tomorrow_says_when_in_each_ones_zone_and_what_is_open(org):
    """The time is kept in the mentor's zone (Berlin, 15:00); the mentee in Lisbon reads
    14:00. Both read the action items still open, not the ones done."""
    from mentorship.models import ActionItem

    org.mentor.time_zone = "Europe/Berlin"
    org.mentor.save()
    org.cand_person.time_zone = "Europe/Lisbon"
    org.cand_person.save()
    ActionItem.objects.create(
        meeting=org.meeting, description="Draft the escalation playbook", owner=org.cand_person
    )
    ActionItem.objects.create(
        meeting=org.meeting,
        description="Already done",
        owner=org.cand_person,
        done_at=dt.datetime.now(dt.UTC),
    )
    tomorrow = TODAY + dt.timedelta(days=1)
    factories.pairing_dates_set(org.pairing, last_met_on=TODAY, next_meeting_on=tomorrow)
    type(org.pairing).objects.filter(pk=org.pairing.pk).update(next_meeting_time=dt.time(15, 0))
    due = {d.recipient_id: d for d in collect_due(today=TODAY) if d.kind == "meeting_tomorrow"}
    mentor, mentee = due[org.mentor.user_id], due[org.cand_person.user_id]
    assert mentor.title == "Mentor meeting with Cand tomorrow, 15:00 (Europe/Berlin)"
    assert mentee.title == "Mentor meeting with Mentor tomorrow, 14:00 (Europe/Lisbon)"
    for notice in (mentor, mentee):
        assert "- Draft the escalation playbook (Cand)" in notice.body
        assert "Already done" not in notice.body


@pytest.mark.django_db
def test_agreement_and_development_kinds_find_their_items(org):
    org.agreement.review_on = TODAY + dt.timedelta(days=10)
    org.agreement.save()
    factories.CommitmentFactory(
        agreement=org.agreement, side="company", due_on=TODAY - dt.timedelta(days=2)
    )
    factories.ConferenceFactory(candidate=org.cand)  # report due 4 days ago, not written
    factories.BenchmarkVisitFactory(candidate=org.cand, visit_on=TODAY + dt.timedelta(days=5))
    factories.RotationFactory(
        person=org.cand_person, host_sponsor=org.mentor, ends_on=TODAY + dt.timedelta(days=10)
    )
    due = {(d.kind, d.recipient_id) for d in collect_due(today=TODAY)}
    assert ("agreement_review", org.cand_person.user_id) in due
    assert ("agreement_review", org.director.user_id) in due
    assert ("commitment_due", org.director.user_id) in due  # company side → the sponsor
    assert ("trip_report_due", org.cand_person.user_id) in due
    assert ("benchmark_questions", org.cand_person.user_id) in due
    assert ("rotation_ending", org.mentor.user_id) in due


@pytest.mark.django_db
def test_a_sweep_run_twice_sends_nothing_the_second_time(org, django_capture_on_commit_callbacks):
    make_due(org)
    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.sweep_and_dispatch(today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        second = tasks.sweep_and_dispatch(today=TODAY)
    assert first.created == 2 and second.created == 0
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["cand@example.com", "mentor@example.com"]
    assert Notification.objects.filter(email_status="sent").count() == 2
    message = next(m for m in mail.outbox if m.to == ["mentor@example.com"])
    assert "Check-in with Cand is due" in message.subject
    assert "/mentorship/pairings/" in message.body
    assert message.alternatives[0][1] == "text/html"


@pytest.mark.django_db
def test_a_new_due_period_notifies_again(org, django_capture_on_commit_callbacks):
    make_due(org)
    tasks.sweep_and_dispatch(today=TODAY)
    factories.pairing_dates_set(org.pairing, last_met_on=TODAY - dt.timedelta(days=15))
    assert tasks.sweep_and_dispatch(today=TODAY).created == 2


@pytest.mark.django_db
def test_muted_kinds_and_digest_preferences_are_respected(org, django_capture_on_commit_callbacks):
    make_due(org)
    NotificationPreference.objects.create(user=org.mentor.user, muted_kinds=["checkin_due"])
    NotificationPreference.objects.create(user=org.cand_person.user, delivery="digest")
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.sweep_and_dispatch(today=TODAY)
    assert result.created == 1
    assert not Notification.objects.filter(recipient=org.mentor.user).exists()
    assert [m.subject for m in mail.outbox] == ["[supportlead] Your daily digest: 1 reminder"]


@pytest.mark.django_db
def test_the_sweeps_query_count_does_not_grow_with_items(org, django_assert_max_num_queries):
    for size in (3, 30):
        for _ in range(size):
            candidate = factories.CandidateFactory(
                person=factories.PersonFactory(manager=org.alice, level=2), nominated_by=org.alice
            )
            factories.PairingFactory(
                candidate=candidate,
                mentor=org.mentor,
                created_by=org.alice,
                last_met_on=TODAY - dt.timedelta(days=40),
            )
        # one per swept kind + distinct cadences, preferences, logins that are off,
        # already sent, insert, counts, lines (small runs only)
        with django_assert_max_num_queries(18):
            tasks.sweep_and_dispatch(today=TODAY)


@pytest.mark.django_db
def test_dry_run_writes_nothing(org, capsys):
    make_due(org)
    call_command("send_reminders", "--dry-run", "--date", TODAY.isoformat())
    assert "Would send 2 new notifications" in capsys.readouterr().out
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_send_reminders_by_hand_mails_and_a_rerun_sends_nothing(
    org, capsys, django_capture_on_commit_callbacks
):
    make_due(org)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
    out = capsys.readouterr().out
    assert "Sent 2 new notifications" in out
    assert "Sent 0 new notifications" in out
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_bad_date_is_a_clear_error(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="is not a date"):
        call_command("send_reminders", "--date", "23/11/2026")


@pytest.mark.django_db
def test_a_sweep_that_runs_while_another_one_inserts_sends_nothing_twice(
    org, monkeypatch, django_capture_on_commit_callbacks
):
    """The race window: a second worker's sweep completes between this sweep's reading of
    what is due and its insert. The constraint refuses the duplicates, and this run sends
    only what it inserted itself (nothing)."""
    make_due(org)
    real_collect = services.collect_due
    other_runs = []

    def collect_then_let_the_other_worker_run(*, today):
        found = real_collect(today=today)
        if not other_runs:
            other_runs.append(None)
            other_runs[0] = tasks.sweep_and_dispatch(today=today)
        return found

    monkeypatch.setattr(services, "collect_due", collect_then_let_the_other_worker_run)
    with django_capture_on_commit_callbacks(execute=True):
        mine = tasks.sweep_and_dispatch(today=TODAY)
    assert other_runs[0].created == 2
    assert mine.created == 0
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2


if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
    # SQLite's in-memory test database locks whole tables; on PostgreSQL two sweeps in
    # two threads really run at once.
    @pytest.mark.django_db(transaction=True)
    def test_two_sweeps_in_two_threads_never_duplicate(org):
        make_due(org)
        for _ in range(10):
            candidate = factories.CandidateFactory(
                person=factories.PersonFactory(manager=org.alice, level=2), nominated_by=org.alice
            )
            factories.PairingFactory(
                candidate=candidate,
                mentor=org.mentor,
                created_by=org.alice,
                last_met_on=TODAY - dt.timedelta(days=40),
            )
        results, errors = [], []
        barrier = threading.Barrier(2)

        def sweep():
            try:
                barrier.wait(timeout=10)
                results.append(tasks.sweep_and_dispatch(today=TODAY))
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors, errors
        assert Notification.objects.count() == 22  # 11 pairings × (mentor + mentee)
        assert sum(r.created for r in results) == 22  # each notice belongs to one run


@pytest.mark.django_db
def test_a_failing_mail_server_is_retried_with_back_off_and_loses_nothing(
    org, settings, django_capture_on_commit_callbacks
):
    """The mentor's address is refused: that task asks for a retry and records the
    attempt; the mentee's mail goes out regardless; after the last retry the notice is
    marked failed, and it stays in the app."""
    from notifications.tasks import MAX_RETRIES
    from supportlead.celery import app as celery_app

    settings.EMAIL_BACKEND = "tests.mentorship.failing_backend.EmailBackend"
    failing_backend.REFUSED.clear()
    failing_backend.ATTEMPTS.clear()
    failing_backend.REFUSED.add("mentor@example.com")
    celery_app.conf.task_eager_propagates = False
    make_due(org)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep_and_dispatch(today=TODAY)
    # Eagerly, the retries run at once (a worker waits 30 s, 1 min, 2 min, … between them).
    refused = Notification.objects.get(recipient=org.mentor.user)
    assert failing_backend.ATTEMPTS.count("mentor@example.com") == MAX_RETRIES + 1
    assert (refused.email_status, refused.email_attempts) == ("failed", MAX_RETRIES + 1)
    assert "SMTPServerDisconnected" in refused.email_error
    assert refused.read_at is None  # still in the mentor's notification list
    assert Notification.objects.get(recipient=org.cand_person.user).email_status == "sent"
    assert [m.to for m in mail.outbox] == [["cand@example.com"]]

    failing_backend.REFUSED.clear()  # the server is back: a new sweep period sends again
    assert (
        services.notification_email_send(user_id=org.mentor.user_id, notification_ids=[refused.pk])
        == 1
    )


def test_retries_back_off_exponentially_up_to_an_hour():
    from notifications.tasks import retry_countdown

    assert [retry_countdown(n) for n in range(8)] == [30, 60, 120, 240, 480, 960, 1920, 3600]


@pytest.mark.django_db
def test_a_retry_after_a_partial_failure_never_resends_what_went_out(org, settings):
    settings.EMAIL_BACKEND = "tests.mentorship.failing_backend.EmailBackend"
    failing_backend.REFUSED.clear()
    make_due(org)
    NotificationPreference.objects.create(user=org.mentor.user)
    services.reminders_sweep(today=TODAY)  # the sweep alone sends nothing
    ids = list(Notification.objects.filter(recipient=org.mentor.user).values_list("pk", flat=True))
    assert services.notification_email_send(user_id=org.mentor.user_id, notification_ids=ids) == 1
    assert services.notification_email_send(user_id=org.mentor.user_id, notification_ids=ids) == 0
    assert len(mail.outbox) == 1
