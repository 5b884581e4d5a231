from celery import shared_task

from . import services


@shared_task(name="supportdata.tasks.support_sync")
def support_sync(source: str | None = None) -> list[str]:
    """The nightly sync of every connected source (or one), each from its cursor."""
    if source:
        return [services.sync_source(source).summary()]
    return [result.summary() for result in services.sync_all()]
