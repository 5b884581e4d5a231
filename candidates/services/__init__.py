"""Writes of the talent base, one module per idea: the directory (``directory``), its
import (``org_import``) and the pool (``pool``)."""

from .directory import (
    person_leave,
    person_left,
    person_save,
    person_set_manager,
    reporting_path,
    reporting_paths_rebuild,
)
from .org_import import ORG_COLUMNS, OrgImportError, OrgPlan, org_import, org_plan
from .pool import (
    candidate_change_status,
    candidate_event_record,
    candidate_nominate,
    candidate_rate,
    competencies_rate,
)

__all__ = [
    "ORG_COLUMNS",
    "OrgImportError",
    "OrgPlan",
    "candidate_change_status",
    "candidate_event_record",
    "candidate_nominate",
    "candidate_rate",
    "competencies_rate",
    "org_import",
    "org_plan",
    "person_leave",
    "person_left",
    "person_save",
    "person_set_manager",
    "reporting_path",
    "reporting_paths_rebuild",
]
