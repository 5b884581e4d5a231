"""A key position's must-haves (kept by HR and the position's owner) and the gate they
put on "ready now": every must-have met by fresh attached evidence, or a second person's
written decision, recorded as a human decision."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from common.actor import Actor
from common.services import model_update

from ..access import decider_names, may_decide_without_must_haves, may_keep_must_haves
from ..evidence import proof_choices
from ..models import KeyPosition, MustHave, SuccessorNomination
from ..selectors.musthaves import nomination_must_haves

FIELDS = ("behaviour", "proofs", "within_months")
TAKEN = "This position already has that must-have."


def _checked(*, actor: Actor, position: KeyPosition, proofs: list[str]) -> None:
    if not may_keep_must_haves(actor, position):
        raise ValidationError("Only HR and the position's owner keep its must-haves.")
    known = {key for key, _ in proof_choices()}
    if not proofs:
        raise ValidationError({"proofs": "Choose the evidence that meets it."})
    if unknown := [key for key in proofs if key not in known]:
        raise ValidationError({"proofs": f"Not a kind of evidence: {', '.join(unknown)}."})


def _written(save):
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:  # the unique constraint: two people adding the same at once
        raise ValidationError({"behaviour": TAKEN}) from None


@transaction.atomic
def must_have_create(
    *, actor: Actor, position: KeyPosition, behaviour: str, proofs: list[str], within_months: int
) -> MustHave:
    _checked(actor=actor, position=position, proofs=proofs)
    behaviour = behaviour.strip()
    if MustHave.objects.filter(position=position, behaviour__iexact=behaviour).exists():
        raise ValidationError({"behaviour": TAKEN})
    last = MustHave.objects.filter(position=position).aggregate(last=Max("order"))["last"]
    must_have = MustHave(
        position=position,
        behaviour=behaviour,
        proofs=list(proofs),
        within_months=within_months,
        order=(last or 0) + 1,
        created_by=actor.person,
    )

    def save():
        must_have.full_clean()
        must_have.save()
        return must_have

    return _written(save)


@transaction.atomic
def must_have_update(*, actor: Actor, must_have: MustHave, **data) -> MustHave:
    must_have = MustHave.objects.select_for_update().select_related("position").get(pk=must_have.pk)
    _checked(actor=actor, position=must_have.position, proofs=data.get("proofs", must_have.proofs))
    if "behaviour" in data:
        data["behaviour"] = data["behaviour"].strip()
        taken = MustHave.objects.filter(
            position=must_have.position, behaviour__iexact=data["behaviour"]
        ).exclude(pk=must_have.pk)
        if taken.exists():
            raise ValidationError({"behaviour": TAKEN})
    return _written(lambda: model_update(instance=must_have, fields=FIELDS, data=data)[0])


@transaction.atomic
def must_have_remove(*, actor: Actor, must_have: MustHave) -> None:
    """A must-have no longer asked for: "ready now" claims made under it stand (their
    history says what they rested on)."""
    if not may_keep_must_haves(actor, must_have.position):
        raise ValidationError("Only HR and the position's owner keep its must-haves.")
    MustHave.objects.filter(pk=must_have.pk).delete()


def ready_now_gate(*, actor: Actor, nomination: SuccessorNomination, override_reason: str) -> str:
    """Before "ready now" is saved: every must-have of the position met by fresh attached
    evidence, or a written decision by a second person. Returns the note of a human
    decision ("" when the evidence is enough); raises ``ValidationError`` otherwise."""
    unmet = [state for state in nomination_must_haves(nomination) if not state.met]
    if not unmet:
        return ""
    missing = "; ".join(f"{s.must_have.behaviour} (since {s.since:%-d %b %Y})" for s in unmet)
    if not override_reason.strip():
        raise ValidationError(
            {
                "readiness": (
                    f"“Ready now” for {nomination.position.title} needs fresh evidence for "
                    f"every must-have. Missing: {missing}. Attach it, or ask "
                    f"{decider_names(nomination)} to decide it with a written reason."
                )
            }
        )
    if not may_decide_without_must_haves(actor, nomination):
        raise ValidationError(
            {
                "override_reason": (
                    "A “ready now” without the must-haves is decided by a second person: "
                    f"{decider_names(nomination)}, not the nominator."
                )
            }
        )
    return f"Human decision: {override_reason.strip()} (without evidence for: {missing})"
