"""Someone leaves through the directory import: the next sweep mails nothing to them or
about them, their agreement ends with the reason, and its sponsor is told once."""

import csv
import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from agreements.models import LeadershipAgreement
from candidates.models import CandidateEvent, Person
from notifications import services, tasks
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def directory_with_leaver(tmp_path, leaver: Person):
    """The whole directory as HR exports it, the leaver marked ``left``."""
    path = tmp_path / "people.csv"
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["email", "full_name", "title", "level", "department", "manager_email", "status"]
        )
        for person in Person.objects.select_related("department", "manager"):
            writer.writerow(
                [
                    person.email,
                    person.full_name,
                    person.title,
                    person.level,
                    person.department.name,
                    person.manager.email if person.manager else "",
                    "left" if person == leaver else "",
                ]
            )
    return path


def everything_due_for_cand(org):
    """cand's agreement review, a commitment each side and the mentor check-in are due."""
    org.agreement.review_on = TODAY - dt.timedelta(days=3)
    org.agreement.save()
    factories.CommitmentFactory(agreement=org.agreement, side="company", due_on=TODAY)
    factories.CommitmentFactory(agreement=org.agreement, side="candidate", due_on=TODAY)
    factories.pairing_dates_set(org.pairing, last_met_on=TODAY - dt.timedelta(days=30))


def sweep(capture):
    with capture(execute=True):
        return tasks.sweep_and_dispatch(today=TODAY)


def test_a_leaver_imported_is_neither_mailed_nor_mailed_about(
    org, tmp_path, django_capture_on_commit_callbacks
):
    everything_due_for_cand(org)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_org", str(directory_with_leaver(tmp_path, org.cand_person)))

    org.agreement.refresh_from_db()
    assert org.agreement.status == LeadershipAgreement.Status.CLOSED
    closed = CandidateEvent.objects.get(
        candidate=org.cand, summary__startswith="Leadership agreement", summary__endswith="closed"
    )
    assert "Left the company (marked as left in the org import of" in closed.detail
    # The sponsor is told once, when it happens, and nobody else.
    assert [m.to for m in mail.outbox] == [[org.director.email]]
    assert mail.outbox[0].subject.endswith("Cand left: their leadership agreement is closed")
    assert "Nothing more is due on it" in mail.outbox[0].body

    mail.outbox.clear()
    result = sweep(django_capture_on_commit_callbacks)
    about_cand = Notification.objects.filter(title__contains="Cand").exclude(
        kind="agreement_closed"
    )
    assert list(about_cand.values_list("title", flat=True)) == []
    assert not Notification.objects.filter(recipient=org.cand_person.user).exists()
    assert mail.outbox == []
    assert result.created == 0
    sweep(django_capture_on_commit_callbacks)  # and the sponsor is not told twice
    assert Notification.objects.filter(kind="agreement_closed").count() == 1


def test_before_leaving_the_same_sweep_mails_them_and_their_sponsor(
    org, django_capture_on_commit_callbacks
):
    """The same set-up without the import: the sweep above would have mailed all three."""
    everything_due_for_cand(org)
    sweep(django_capture_on_commit_callbacks)
    assert {m.to[0] for m in mail.outbox} == {
        org.cand_person.email,
        org.director.email,
        org.mentor.email,
    }


def test_a_notice_recorded_before_someone_left_is_not_mailed_after(
    org, django_capture_on_commit_callbacks
):
    everything_due_for_cand(org)
    tasks.sweep_and_dispatch(today=TODAY)  # recorded; the mails go once it commits
    pending = list(
        Notification.objects.filter(recipient=org.cand_person.user).values_list("pk", flat=True)
    )
    assert pending
    org.cand_person.user.is_active = False
    org.cand_person.user.save()
    assert (
        services.notification_email_send(user_id=org.cand_person.user_id, notification_ids=pending)
        == 0
    )
    assert mail.outbox == []
