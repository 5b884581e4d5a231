"""Writes of succession and readiness, one module per idea: nominations and their
readiness (``nominations``), the evidence behind a readiness (``evidence``), fills and
the status changes that make them (``fills``), target profiles (``targets``), the positions themselves (``positions``),
how a fill turned out (``outcomes``)."""

from .evidence import evidence_set, readiness_save
from .fills import candidate_status_change, follow_up_complete, position_fill_record
from .musthaves import must_have_create, must_have_remove, must_have_update, ready_now_gate
from .nominations import (
    nomination_change_readiness,
    nomination_confirm_readiness,
    nomination_create,
    nomination_evidence_latest_set,
    nomination_validate,
    nomination_withdraw,
    nominations_close,
)
from .outcomes import (
    checkpoints_due,
    checkpoints_owed,
    fill_outcome_record,
    next_checkpoint_on,
)
from .positions import (
    position_cover_set,
    position_create,
    position_retire,
    position_update,
    seats_vacate,
)
from .targets import competency_targets_save

__all__ = [
    "checkpoints_due",
    "checkpoints_owed",
    "fill_outcome_record",
    "candidate_status_change",
    "competency_targets_save",
    "evidence_set",
    "follow_up_complete",
    "must_have_create",
    "must_have_remove",
    "must_have_update",
    "nomination_change_readiness",
    "nomination_confirm_readiness",
    "nomination_create",
    "nomination_evidence_latest_set",
    "nomination_validate",
    "nomination_withdraw",
    "next_checkpoint_on",
    "nominations_close",
    "position_cover_set",
    "position_create",
    "position_fill_record",
    "position_retire",
    "position_update",
    "readiness_save",
    "seats_vacate",
    "ready_now_gate",
]
