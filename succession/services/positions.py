"""HR keeps the key positions without Django admin: create, edit, retire."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from common.actor import Actor
from common.services import model_update

from ..access import may_keep_must_haves
from ..models import KeyPosition, SuccessorNomination

FIELDS = ("title", "level", "department", "incumbent", "owner", "time_zone", "description")
TAKEN = "A key position of that title already exists in that department."


def _title_free(*, title: str, department_id: int | None, pk: int | None = None) -> None:
    """One key position per title and department: said on the title field, before the
    database's unique constraint would refuse it."""
    taken = KeyPosition.objects.filter(title=title, department=department_id)
    if pk is not None:
        taken = taken.exclude(pk=pk)
    if taken.exists():
        raise ValidationError({"title": TAKEN})


def _written(save):
    """The constraint is the last word (two HR users saving the same title at once)."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        raise ValidationError({"title": TAKEN}) from None


def position_create(*, actor: Actor, **data) -> KeyPosition:
    position = KeyPosition(**{k: data.get(k) for k in FIELDS if k in data})
    position.description = position.description or ""
    _title_free(title=position.title, department_id=position.department_id)

    def save():
        position.full_clean()
        position.save()
        return position

    return _written(save)


@transaction.atomic
def position_update(*, actor: Actor, position: KeyPosition, **data) -> KeyPosition:
    """Only what changed is written (read again: a form may have touched the instance)."""
    position = KeyPosition.objects.select_for_update().get(pk=position.pk)
    department = data.get("department", position.department)
    _title_free(
        title=data.get("title", position.title),
        department_id=getattr(department, "pk", department),
        pk=position.pk,
    )
    if "incumbent" in data:
        # Someone in the seat: not vacant. Taken off it: empty from today, which the time
        # to fill counts from. Empty already: since when it was.
        vacant_since = None
        if data["incumbent"] is None:
            held = position.incumbent_id is not None
            vacant_since = timezone.localdate() if held else position.vacant_since
        data = {**data, "vacant_since": vacant_since}
    return _written(
        lambda: model_update(instance=position, fields=(*FIELDS, "vacant_since"), data=data)[0]
    )


def seats_vacate(positions: QuerySet[KeyPosition]) -> int:
    """Their incumbent left the company: the seats are empty from today."""
    return positions.update(incumbent=None, vacant_since=timezone.localdate())


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


@transaction.atomic
def position_cover_set(
    *, actor: Actor, position: KeyPosition, acting_cover, cover_from, cover_note: str
) -> KeyPosition:
    """Name (or clear, with no one) who acts in the seat for its first weeks empty. HR
    and the position's owner keep it; the incumbent cannot cover their own seat."""
    position = KeyPosition.objects.select_for_update().get(pk=position.pk)
    if not may_keep_must_haves(actor, position):
        raise ValidationError("Only HR and the position's owner name its acting cover.")
    if acting_cover is not None and acting_cover.pk == position.incumbent_id:
        raise ValidationError({"acting_cover": "The incumbent cannot cover their own seat."})
    if acting_cover is None:
        cover_from, cover_note = None, ""
    elif cover_from is None:
        raise ValidationError({"cover_from": "Say from when they can step in."})
    data = {"acting_cover": acting_cover, "cover_from": cover_from, "cover_note": cover_note}
    return model_update(instance=position, fields=data, data=data)[0]
