"""Celery tasks of the talent base: the directory import HR started from the page,
checked then applied in the worker. Thin: ids in, the services do the work."""

from functools import partial

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import OperationalError, transaction

from common.actor import SYSTEM

from . import services
from .access import actor_for
from .models import DirectoryImport

# A database that cannot answer for a moment (a lock, a failover) is tried again a few
# seconds later: both steps are safe to repeat (each starts by reading the import's status).
RETRIED = {
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": 1,
    "retry_backoff_max": 30,
    "max_retries": 6,
}


@shared_task(**RETRIED)
def directory_import_check(import_id: int) -> None:
    services.directory_import_check(import_id=import_id)


@shared_task(**RETRIED)
def directory_import_apply(import_id: int) -> None:
    job = DirectoryImport.objects.filter(pk=import_id).only("uploaded_by").first()
    if job is None:
        return
    user = get_user_model().objects.filter(pk=job.uploaded_by_id).first()
    actor = actor_for(user) if user is not None else SYSTEM
    services.directory_import_apply(import_id=import_id, actor=actor)


def directory_import_queue(job: DirectoryImport) -> None:
    """Hand the import's next step to the worker once the caller's transaction commits."""
    task = (
        directory_import_apply
        if job.status == DirectoryImport.Status.APPLYING
        else (directory_import_check)
    )
    transaction.on_commit(partial(task.delay, job.pk))
