"""Writes of the insight log: raise, correct, answer; the product areas."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candidates.models import Person
from common.actor import Actor
from notifications.tasks import notice_to

from .access import insight_permissions
from .models import Insight, ProductArea


def _context_check(*, person: Person, data: dict) -> None:
    """The rotation, task force or benchmark visit named is the raiser's own and fits the
    source chosen."""
    source = data["source"]
    links = {
        Insight.Source.ROTATION: ("rotation", lambda r: r.person_id),
        Insight.Source.TASK_FORCE: ("task_force", lambda t: t.owner.person_id),
        Insight.Source.BENCHMARK: ("benchmark", lambda b: b.candidate.person_id),
    }
    for kind, (field, owner_of) in links.items():
        item = data.get(field)
        if item is None:
            continue
        if source != kind:
            data[field] = None
        elif owner_of(item) != person.pk:
            raise ValidationError({field: "Name one of your own."})
    if data.get("area") is not None and not data["area"].is_active:
        raise ValidationError({"area": "That product area is closed: choose another."})


@transaction.atomic
def insight_raise(*, actor: Actor, **data) -> Insight:
    """Record an insight; its product area's owner is told."""
    if actor.person is None:
        raise ValidationError("Only people in the directory raise insights.")
    _context_check(person=actor.person, data=data)
    insight = Insight(raised_by=actor.person, raised_on=timezone.localdate())
    for name in Insight.FIELDS:
        if name in data:
            setattr(insight, name, data[name])
    insight.full_clean()
    insight.save()
    if insight.area.owner_id != actor.person.pk:
        notice_to(
            insight.area.owner,
            kind="insight_raised",
            item_key=f"insight:{insight.pk}",
            period_key="raised",
            url=insight.get_absolute_url(),
            title=f"{actor.person.full_name} raised a product insight on {insight.area}: "
            f"{insight.title}",
            body=insight.observed[:500],
        )
    return insight


@transaction.atomic
def insight_update(*, actor: Actor, insight: Insight, **data) -> Insight:
    """The raiser corrects their insight until it is answered."""
    insight = Insight.objects.select_for_update().select_related("area").get(pk=insight.pk)
    if not insight_permissions(actor, insight).can_edit:
        raise ValidationError("Only the person who raised it changes it.")
    if insight.is_answered:
        raise ValidationError("It has been answered: it stays as it was answered.")
    _context_check(person=actor.person, data=data)
    for name in Insight.FIELDS:
        if name in data:
            setattr(insight, name, data[name])
    insight.full_clean()
    insight.save()
    return insight


@transaction.atomic
def insight_withdraw(*, actor: Actor, insight: Insight) -> None:
    """The raiser takes back an insight nobody has answered yet."""
    insight = Insight.objects.select_for_update().select_related("area").get(pk=insight.pk)
    if not insight_permissions(actor, insight).can_edit:
        raise ValidationError("Only the person who raised it withdraws it.")
    if insight.is_answered:
        raise ValidationError("It has been answered: it stays in the log.")
    insight.delete()


@transaction.atomic
def insight_answer(*, actor: Actor, insight: Insight, status: str, answer: str = "") -> Insight:
    """The area's owner (or HR) answers: accepted, planned, shipped, or declined with a
    reason. The answer can move on (planned, then shipped); the raiser is told each time."""
    insight = (
        Insight.objects.select_for_update().select_related("area", "raised_by").get(pk=insight.pk)
    )
    if not insight_permissions(actor, insight).can_answer:
        raise ValidationError("Only the product area's owner answers it.")
    if status == Insight.Status.NEW:
        raise ValidationError({"status": "Choose an answer."})
    if status == Insight.Status.DECLINED and not answer.strip():
        raise ValidationError(
            {"answer": "Say why it is declined: the person who raised it reads it."}
        )
    if (insight.status, insight.answer) == (status, answer):
        return insight
    insight.status = status
    insight.answer = answer
    insight.answered_by = actor.person
    insight.answered_on = timezone.localdate()
    insight.full_clean()
    insight.save()
    notice_to(
        insight.raised_by,
        kind="insight_answered",
        item_key=f"insight:{insight.pk}",
        period_key=status,
        url=insight.get_absolute_url(),
        title=f"Your insight “{insight.title}”: {insight.get_status_display().lower()}",
        body=answer[:500],
    )
    return insight


@transaction.atomic
def area_save(
    *,
    actor: Actor,
    name: str,
    owner: Person,
    is_active: bool = True,
    area: ProductArea | None = None,
) -> ProductArea:
    if not actor.view_all_talent:
        raise ValidationError("HR keeps the product areas.")
    area = area or ProductArea()
    area.name = name
    area.owner = owner
    area.is_active = is_active
    area.full_clean()
    area.save()
    return area
