"""A real Celery worker consuming from the configured broker (Redis in CI's first run,
the filesystem broker with nothing set) runs the sweep and sends the mails."""

import datetime as dt

import pytest
from django.core import mail

from notifications.models import Notification
from notifications.tasks import reminders_sweep
from supportlead.celery import app as celery_app
from tests import factories
from tests.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_runs_the_sweep_and_sends_the_mails(org, real_worker):
    factories.pairing_dates_set(org.pairing, last_met_on=dt.date.today() - dt.timedelta(days=30))
    reminders_sweep.delay(dt.date.today().isoformat())
    assert wait_for(lambda: Notification.objects.filter(email_status="sent").count() == 2), (
        list(Notification.objects.values_list("recipient__username", "email_status")),
        celery_app.conf.broker_url,
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["cand@example.com", "mentor@example.com"]
    # Sent through the broker the environment configures.
    expected = "redis" if celery_app.conf.broker_url.startswith("redis") else "filesystem"
    assert real_worker.app.connection_for_write().transport_cls == expected
