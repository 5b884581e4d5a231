"""The directory import HR runs from the page, in the worker: the file is kept as it was
uploaded, checked (the preview), then applied once HR confirms; each step a function
the worker calls with an id (``candidates.tasks``), each safe to call twice."""

from __future__ import annotations

import csv
import hashlib
import io
import logging

from django.db import transaction
from django.utils import timezone

from common.actor import Actor

from ..models import DirectoryImport, Person
from .directory import departure_effects
from .org_import import OrgImportError, OrgPlan, org_import, org_plan

logger = logging.getLogger(__name__)

# How many lines of each kind the page lists (the counts are always whole).
SHOWN = 100
PROBLEMS_SHOWN = 200

Status = DirectoryImport.Status


def directory_import_start(
    *, actor: Actor, file_name: str, text: str, size: int, lines: int, changes_only: bool = False
):
    """Keep an uploaded file to be checked by the worker."""
    return DirectoryImport.objects.create(
        uploaded_by=actor.user,
        changes_only=changes_only,
        file_name=file_name[:255],
        size_bytes=size,
        lines=lines,
        digest=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        total=lines,
        stage="waiting for the worker",
    )


def _rows(job: DirectoryImport) -> list[dict]:
    return list(csv.DictReader(io.StringIO(job.text)))


def _progress_saver(job: DirectoryImport):
    def saved(stage: str, done: int, total: int) -> None:
        DirectoryImport.objects.filter(pk=job.pk).update(
            stage=stage, done=done, total=total, updated_at=timezone.now()
        )

    return saved


def _departing_shown(departing: list[dict]) -> list[dict]:
    """The departures shown, each with what it would end."""
    shown = departing[:SHOWN]
    ids = dict(
        Person.objects.filter(email__in=[d["email"] for d in shown]).values_list("email", "pk")
    )
    effects = departure_effects(list(ids.values()))
    return [{**d, "ends": effects.get(ids.get(d["email"]), [])} for d in shown]


def _plan_shown(plan: OrgPlan) -> dict:
    return {
        "created": len(plan.created),
        "changed": len(plan.changed),
        "departing": len(plan.departing),
        "unchanged": plan.unchanged,
        "active_before": plan.active_before,
        "mass_departure": plan.mass_departure,
        "problems": len(plan.problems),
        "shown": {
            "created": plan.created[:SHOWN],
            "changed": plan.changed[:SHOWN],
            "departing": _departing_shown(plan.departing),
            "problems": plan.problems[:PROBLEMS_SHOWN],
        },
    }


def directory_import_check(*, import_id: int) -> None:
    """The worker's preview: what applying the file would do, or its problems by line.
    Writes nothing but this import's row."""
    job = DirectoryImport.objects.filter(pk=import_id, status=Status.CHECKING).first()
    if job is None:
        return  # checked already (a redelivered task), or dropped
    try:
        plan = org_plan(
            rows=_rows(job), progress=_progress_saver(job), changes_only=job.changes_only
        )
    except Exception:
        logger.exception("directory import %s: the check failed", job.pk)
        _failed(job, "Checking the file stopped on an unexpected error: nothing was imported.")
        return
    job.plan = _plan_shown(plan)
    job.status = Status.PROBLEMS if plan.problems else Status.READY
    job.stage = ""
    job.done = job.total
    if plan.problems:
        job.text = ""  # nothing more to do with it
        job.finished_at = timezone.now()
    job.save()


@transaction.atomic
def directory_import_confirm(*, import_id: int, digest: str, whole_directory: bool):
    """HR confirms the preview they saw (``digest``: that file): the worker applies it.
    Raises OrgImportError with what to do when it cannot be."""
    job = DirectoryImport.objects.select_for_update().filter(pk=import_id).first()
    if job is None or job.status != Status.READY or job.digest != digest:
        raise OrgImportError(
            "That preview is no longer waiting (applied already, cancelled, or replaced)."
        )
    if job.plan.get("mass_departure") and not whole_directory:
        raise OrgImportError(
            f"This file would deactivate {job.plan['departing']} of {job.plan['active_before']} "
            "people: tick the box if it really is the whole directory."
        )
    if DirectoryImport.objects.filter(status=Status.APPLYING).exclude(pk=job.pk).exists():
        raise OrgImportError("Another import is being applied: confirm this one once it is done.")
    job.status = Status.APPLYING
    job.whole_directory = whole_directory
    job.stage = "waiting for the worker"
    job.done = 0
    job.save()
    return job


def directory_import_apply(*, import_id: int, actor: Actor) -> None:
    """The worker applies a confirmed file, all of it or nothing (``org_import``: the
    file is checked again against the directory as it is now)."""
    job = DirectoryImport.objects.filter(pk=import_id, status=Status.APPLYING).first()
    if job is None:
        return  # applied already (a redelivered task)
    DirectoryImport.objects.filter(pk=job.pk).update(stage="applying", updated_at=timezone.now())
    try:
        result = org_import(
            rows=_rows(job),
            actor=actor,
            allow_mass_departure=job.whole_directory,
            changes_only=job.changes_only,
        )
    except OrgImportError as error:
        _failed(job, str(error))
        return
    except Exception:
        logger.exception("directory import %s: applying failed", job.pk)
        _failed(job, "Applying the file stopped on an unexpected error: nothing was imported.")
        return
    job.status = Status.DONE
    job.result = result
    job.stage = ""
    job.done = job.total
    job.text = ""
    job.finished_at = timezone.now()
    job.save()


def directory_import_cancel(*, import_id: int) -> bool:
    """Drop a file HR will not apply (its text goes); False if it is past that."""
    return bool(
        DirectoryImport.objects.filter(
            pk=import_id, status__in=(Status.READY, Status.PROBLEMS, Status.FAILED)
        ).update(status=Status.CANCELLED, text="", stage="", finished_at=timezone.now())
    )


def _failed(job: DirectoryImport, message: str) -> None:
    job.status = Status.FAILED
    job.error = message
    job.stage = ""
    job.text = ""
    job.finished_at = timezone.now()
    job.save()
