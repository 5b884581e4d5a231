"""Delivery is at least once and visible: nothing pending or failed is forgotten, a
redelivered task never mails twice, every attempt is recorded (a refused connection
too), and HR can send a failed one again."""

import datetime as dt
import socket

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from notifications import services, tasks
from notifications.admin import NotificationAdmin
from notifications.models import Notification
from tests import factories

from . import failing_backend

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def notices(org, django_capture_on_commit_callbacks):
    factories.pairing_dates_set(org.pairing, last_met_on=TODAY - dt.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep_and_dispatch(today=TODAY)
    return Notification.objects.get(recipient=org.mentor.user)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


def test_a_refused_connection_is_recorded_as_an_attempt(
    org, settings, django_capture_on_commit_callbacks
):
    from supportlead.celery import app as celery_app

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    celery_app.conf.task_eager_propagates = False
    notice = notices(org, django_capture_on_commit_callbacks)
    assert notice.email_status == "failed"
    assert notice.email_attempts == tasks.MAX_RETRIES + 1
    assert "ConnectionRefusedError" in notice.email_error


def test_failed_notices_are_sent_once_the_mail_server_is_back(
    org, settings, django_capture_on_commit_callbacks
):
    from supportlead.celery import app as celery_app

    settings.EMAIL_BACKEND = "tests.mentorship.failing_backend.EmailBackend"
    failing_backend.REFUSED.clear()
    failing_backend.REFUSED.add("mentor@example.com")
    celery_app.conf.task_eager_propagates = False
    notice = notices(org, django_capture_on_commit_callbacks)
    assert notice.email_status == "failed"  # the whole retry ladder failed
    mail.outbox.clear()
    tasks.notifications_resend()  # the server is still down: tried, still failed
    notice.refresh_from_db()
    assert notice.email_status == "failed" and mail.outbox == []
    failing_backend.REFUSED.clear()  # the server is back
    tasks.notifications_resend()
    tasks.notifications_resend()  # a second pass finds nothing left
    notice.refresh_from_db()
    assert notice.email_status == "sent"
    assert [m.to for m in mail.outbox] == [["mentor@example.com"]]


def test_a_notice_left_pending_by_a_lost_task_is_sent_and_a_fresh_one_waits(org):
    old = Notification.objects.create(
        recipient=org.mentor.user,
        kind="checkin_due",
        item_key="pairing:1",
        period_key="a",
        title="Old",
        email_status="pending",
    )
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    fresh = Notification.objects.create(
        recipient=org.mentor.user,
        kind="checkin_due",
        item_key="pairing:1",
        period_key="b",
        title="Fresh",
        email_status="pending",
    )
    stale = Notification.objects.create(
        recipient=org.mentor.user,
        kind="checkin_due",
        item_key="pairing:1",
        period_key="c",
        title="Too old",
        email_status="failed",
    )
    Notification.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - dt.timedelta(days=5)
    )
    mail.outbox.clear()
    tasks.notifications_resend()
    assert [m.subject for m in mail.outbox] == ["[supportlead] Old"]
    fresh.refresh_from_db()
    stale.refresh_from_db()
    assert fresh.email_status == "pending" and stale.email_status == "failed"


def test_a_redelivered_task_never_mails_twice(org):
    notice = Notification.objects.create(
        recipient=org.mentor.user,
        kind="checkin_due",
        item_key="pairing:1",
        period_key="a",
        title="Once",
        email_status="pending",
    )
    mail.outbox.clear()
    for _ in range(3):  # the same message delivered three times
        tasks.notification_email_send(org.mentor.user_id, [notice.pk])
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert (notice.email_status, notice.email_attempts) == ("sent", 1)


def test_hr_sees_failed_deliveries_and_sends_them_again(
    org, admin_user, django_capture_on_commit_callbacks
):
    notice = Notification.objects.create(
        recipient=org.mentor.user,
        kind="checkin_due",
        item_key="pairing:1",
        period_key="a",
        title="Failed once",
        email_status="failed",
        email_attempts=7,
        email_error="SMTP down",
    )
    request = RequestFactory().post("/admin/")
    request.user = admin_user
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        NotificationAdmin(Notification, site).send_again(
            request, Notification.objects.filter(pk=notice.pk)
        )
    notice.refresh_from_db()
    assert notice.email_status == "sent"
    assert [m.subject for m in mail.outbox] == ["[supportlead] Failed once"]


def test_the_admin_counts_failed_deliveries(client, org, admin_user):
    Notification.objects.create(
        recipient=org.mentor.user,
        kind="checkin_due",
        item_key="pairing:1",
        period_key="a",
        title="Failed",
        email_status="failed",
    )
    client.force_login(admin_user)
    page = client.get("/admin/notifications/notification/").content.decode()
    assert "Failed" in page and "(1)" in page
    assert services.notifications_undelivered()  # and the resend task would pick it up
