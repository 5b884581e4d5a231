"""The mails of a sweep, read as the people who get them: subjects that name the person
and the item, whole; text and HTML parts both right; links to the exact item; several
notices for one person on one day in one mail."""

import datetime as dt

import pytest
from django.core import mail

from notifications.tasks import sweep_and_dispatch
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
MENTOR_PROMISE = "Pair you with an executive mentor who meets you every two weeks."


def html_of(message) -> str:
    return message.alternatives[0][0]


def sweep(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return sweep_and_dispatch(today=TODAY)


def test_a_sponsor_of_four_late_agreements_gets_one_mail_naming_each_candidate(
    org, django_capture_on_commit_callbacks
):
    sponsor = org.director
    names = ["Casey O'Brien", "Dana Stone", "Eli Park", "Fay Wong"]
    for name in names:
        candidate = factories.CandidateFactory(
            person=factories.PersonFactory(manager=org.alice, full_name=name, level=2),
            nominated_by=org.alice,
        )
        agreement = factories.AgreementFactory(candidate=candidate, sponsor=sponsor)
        factories.CommitmentFactory(
            agreement=agreement,
            side="company",
            description=MENTOR_PROMISE,
            due_on=TODAY - dt.timedelta(days=3),
        )
    mail.outbox.clear()
    sweep(django_capture_on_commit_callbacks)
    to_sponsor = [m for m in mail.outbox if m.to == [sponsor.user.email]]
    assert len(to_sponsor) == 1
    message = to_sponsor[0]
    assert message.subject.startswith("[supportlead] 4 reminders: ")
    # The first notice named, in whole words, and how many more.
    assert message.subject.endswith(
        ": “Pair you with an executive mentor who meets you every two…” is overdue, and 3 more"
    )
    for name in names:
        assert f"{name}: “Pair you with" in message.body
        assert name.replace("'", "&#x27;") in html_of(message) or name in html_of(message)
    assert "&#x27;" not in message.body and "&amp;" not in message.body
    assert "/agreements/" in message.body and "#commitment-" in message.body


def test_a_single_notice_is_one_mail_whose_subject_is_whole(
    org, django_capture_on_commit_callbacks
):
    long_promise = (
        "Enrol you in the executive programme of the business school and pay for it in full"
    )
    factories.CommitmentFactory(
        agreement=org.agreement,
        side="company",
        description=long_promise,
        due_on=TODAY - dt.timedelta(days=1),
    )
    mail.outbox.clear()
    sweep(django_capture_on_commit_callbacks)
    (message,) = [m for m in mail.outbox if m.to == [org.director.user.email]]
    assert message.subject == (
        "[supportlead] Cand: “Enrol you in the executive programme of the business school…” "
        "is overdue"
    )
    assert long_promise in message.body
    assert f"#commitment-{org.agreement.commitments.get().pk}" in html_of(message)


def test_the_host_sponsor_is_sent_to_the_rotation_itself(org, django_capture_on_commit_callbacks):
    rotation = factories.RotationFactory(
        person=factories.PersonFactory(manager=org.alice, full_name="Priya O'Neil"),
        host_sponsor=org.mentor,
        ends_on=TODAY + dt.timedelta(days=5),
    )
    mail.outbox.clear()
    sweep(django_capture_on_commit_callbacks)
    messages = [m for m in mail.outbox if m.to == [org.mentor.user.email]]
    text = "\n".join(m.body for m in messages)
    assert f"/candidates/development/rotations/{rotation.pk}/" in text
    assert "Priya O'Neil's rotation in R&D ends on" in text
    assert "&#x27;" not in text


def test_a_mentor_reads_a_check_in_mail_that_names_the_mentee(
    org, django_capture_on_commit_callbacks
):
    factories.pairing_dates_set(org.pairing, last_met_on=TODAY - dt.timedelta(days=30))
    mail.outbox.clear()
    sweep(django_capture_on_commit_callbacks)
    (message,) = [m for m in mail.outbox if m.to == [org.mentor.user.email]]
    assert message.subject == "[supportlead] Check-in with Cand is due"
    assert f"/mentorship/pairings/{org.pairing.pk}/meetings/new/" in message.body
    assert "/mentorship/notifications/preferences/" in message.body
