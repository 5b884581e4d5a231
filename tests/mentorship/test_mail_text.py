"""The mails read as their recipients read them: line breaks kept in the text part,
subjects never cut inside a quotation."""

import datetime as dt

import pytest
from django.core import mail

from notifications import services
from notifications.models import Notification, NotificationPreference
from notifications.registry import subject_fit

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def notice(org, title, body, **kwargs):
    return Notification.objects.create(
        recipient=org.cand_person.user,
        kind="commitment_due",
        item_key=f"commitment:{Notification.objects.count()}",
        period_key=TODAY.isoformat(),
        title=title,
        body=body,
        url="/agreements/1/",
        **kwargs,
    )


def test_a_subject_is_cut_between_words_and_its_quote_closed():
    title = (
        "Your commitment “Write the trip report of the Support Leaders Forum for the whole "
        "EMEA leadership team and its directors” is overdue"
    )
    fitted = subject_fit(title, 80)
    assert len(fitted) <= 80
    assert fitted.endswith("…”")
    assert fitted.count("“") == fitted.count("”")
    assert " ".join(fitted[:-2].split()[-1:])[0].isalpha()  # a whole word before the cut
    assert subject_fit("Check-in with Cand is due") == "Check-in with Cand is due"


def test_several_notices_keep_their_lines_in_the_text_part(org):
    first = notice(
        org,
        "Your commitment “Write the trip report” is overdue",
        "You committed to: Write the trip report.\nDue on 06 Nov 2026.",
    )
    second = notice(org, "Check-in with Mentor is due", "Last met 30 days ago.\nBook it.")
    services.notification_email_send(
        user_id=org.cand_person.user_id, notification_ids=[first.pk, second.pk]
    )
    (message,) = mail.outbox
    assert "  You committed to: Write the trip report.\n  Due on 06 Nov 2026." in message.body
    assert "report.Due on" not in message.body
    assert message.subject.count("“") == message.subject.count("”")


def test_a_long_title_in_a_mail_of_several_is_closed_in_the_subject(org):
    long = notice(
        org,
        "Your commitment “"
        + "Lead the swarming pilot for priority-one cases " * 3
        + "” is overdue",
        "Due today.",
    )
    other = notice(org, "Check-in with Mentor is due", "Book it.")
    services.notification_email_send(
        user_id=org.cand_person.user_id, notification_ids=[long.pk, other.pk]
    )
    (message,) = mail.outbox
    assert message.subject.endswith("…”, and 1 more")
    assert len(message.subject) <= len("[supportlead] ") + 140


def test_the_digest_lists_each_notice_with_its_text(org):
    NotificationPreference.objects.create(user=org.cand_person.user, delivery="digest")
    notice(
        org,
        "Your commitment “Write the trip report” is overdue",
        "You committed to: Write the trip report.\nDue on 06 Nov 2026.",
        email_status="digest",
    )
    services.notification_digest_send(user_id=org.cand_person.user_id)
    (message,) = mail.outbox
    assert "  You committed to: Write the trip report.\n  Due on 06 Nov 2026." in message.body
