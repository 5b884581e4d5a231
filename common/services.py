"""Writes any app can use."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model


def model_update(*, instance: Model, fields: Iterable[str], data: dict) -> tuple[Model, list[str]]:
    """Set on ``instance`` the values ``data`` holds for ``fields`` (HackSoft's
    ``model_update``), then validate and save only what changed. Returns the instance
    and the names of the fields that changed (none: nothing is written)."""
    changed = []
    for name in fields:
        if name in data and getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    if changed:
        instance.full_clean()
        instance.save(update_fields=changed)
    return instance, changed
