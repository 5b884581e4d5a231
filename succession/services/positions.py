"""HR keeps the key positions without Django admin: create, edit, retire."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from common.actor import Actor
from common.services import model_update

from ..models import KeyPosition, SuccessorNomination

FIELDS = ("title", "level", "department", "incumbent", "time_zone", "description")
TAKEN = "A key position of that title already exists in that department."


def _saved(position: KeyPosition, save) -> KeyPosition:
    taken = KeyPosition.objects.filter(title=position.title, department=position.department_id)
    if taken.exclude(pk=position.pk).exists():
        raise ValidationError({"title": TAKEN})
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        raise ValidationError({"title": TAKEN}) from None


def position_create(*, actor: Actor, **data) -> KeyPosition:
    position = KeyPosition(**{k: data.get(k) for k in FIELDS if k in data})
    position.description = position.description or ""

    def save():
        position.full_clean()
        position.save()
        return position

    return _saved(position, save)


@transaction.atomic
def position_update(*, actor: Actor, position: KeyPosition, **data) -> KeyPosition:
    """Only what changed is written (read again: a form may have touched the instance)."""
    position = KeyPosition.objects.select_for_update().get(pk=position.pk)
    check = KeyPosition(
        pk=position.pk,
        title=data.get("title", position.title),
        department=data.get("department", position.department),
    )
    return _saved(check, lambda: model_update(instance=position, fields=FIELDS, data=data)[0])


@transaction.atomic
def position_retire(*, actor: Actor, position: KeyPosition, reason: str) -> KeyPosition:
    """The position is no longer key: off the lists, its open nominations closed with
    the reason (kept in their history). Retiring it twice changes nothing."""
    position = KeyPosition.objects.select_for_update().get(pk=position.pk)
    if not position.is_active:
        return position
    if not reason.strip():
        raise ValidationError({"reason": "Say why the position is no longer key."})
    position.is_active = False
    position.save(update_fields=["is_active"])
    SuccessorNomination.objects.filter(position=position, is_active=True).update(
        is_active=False,
        closed_on=timezone.localdate(),
        closed_reason=f"The position was retired: {reason.strip()}",
    )
    return position
