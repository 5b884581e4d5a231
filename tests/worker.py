"""A real Celery worker for the tests that need one (marked ``worker``): the fixture
``real_worker`` (tests/conftest.py) and ``wait_for`` to watch for what it did."""

import time
import uuid
from contextlib import contextmanager

from celery.contrib.testing.worker import start_worker
from django.db import OperationalError

from supportlead.celery import app as celery_app


@contextmanager
def worker_running():
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
