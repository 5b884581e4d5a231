"""Writes of the talent base, one module per idea: the directory (``directory``), its
import (``org_import``), that import run by the worker for HR's page
(``directory_import``) and the pool (``pool``)."""

from .directory import (
    departure_effect_register,
    departure_effects,
    login_for,
    person_create,
    person_leave,
    person_left,
    person_return,
    person_save,
    person_set_manager,
    person_update,
    reporting_path,
    reporting_paths_rebuild,
)
from .directory_import import (
    directory_import_apply,
    directory_import_cancel,
    directory_import_check,
    directory_import_confirm,
    directory_import_start,
)
from .org_import import ORG_COLUMNS, OrgImportError, OrgPlan, org_import, org_plan
from .pool import (
    candidate_change_status,
    candidate_event_record,
    candidate_join_by_application,
    candidate_nominate,
    candidate_rate,
    competencies_rate,
    competency_add,
    competency_set_active,
    competency_update,
    person_flight_risk_rate,
)
from .voice import OWN_WORDS_FIELDS, own_words_save

__all__ = [
    "OWN_WORDS_FIELDS",
    "own_words_save",
    "departure_effect_register",
    "departure_effects",
    "login_for",
    "person_create",
    "ORG_COLUMNS",
    "OrgImportError",
    "OrgPlan",
    "candidate_change_status",
    "candidate_event_record",
    "candidate_join_by_application",
    "candidate_nominate",
    "candidate_rate",
    "competencies_rate",
    "competency_add",
    "competency_set_active",
    "competency_update",
    "directory_import_apply",
    "directory_import_cancel",
    "directory_import_check",
    "directory_import_confirm",
    "directory_import_start",
    "org_import",
    "org_plan",
    "person_flight_risk_rate",
    "person_leave",
    "person_left",
    "person_return",
    "person_save",
    "person_set_manager",
    "person_update",
    "reporting_path",
    "reporting_paths_rebuild",
]
