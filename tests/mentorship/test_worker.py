"""A real Celery worker consuming from the configured broker (Redis in CI's first run,
the filesystem broker with nothing set) runs the sweep and sends the mails."""

import datetime as dt
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import OperationalError

from notifications.models import Notification
from notifications.tasks import reminders_sweep
from supportlead.celery import app as celery_app
from tests import factories

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def real_worker():
    """A worker on a queue of its own, so that a developer's `make run` worker listening
    on the same broker cannot take the test's messages."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    saved = (
        celery_app.conf.task_always_eager,
        celery_app.conf.task_default_queue,
    )
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    celery_app.amqp.queues.select_add(queue)
    try:
        with start_worker(
            celery_app,
            pool="solo",
            concurrency=1,
            perform_ping_check=False,
            shutdown_timeout=30,
            queues=[queue],
        ) as worker:
            yield worker
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = saved


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OperationalError:  # SQLite's shared in-memory test database is busy
            pass
        time.sleep(1)
    return False


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
