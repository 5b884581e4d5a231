"""Writes of development: the experiences (``experiences``) and the plan from gaps
(``plan``)."""

from .experiences import (
    CORRECTABLE,
    MAX_ROTATION_DAYS,
    benchmark_assign,
    benchmark_update,
    conference_assign,
    experience_cancel,
    experience_correct,
    experience_idea_save,
    rotation_assess,
    rotation_assign,
    rotation_reflect,
    stretch_assign,
    stretch_record_outcome,
    task_force_launch,
    task_force_update,
    training_assign,
    training_complete,
    trip_report_review,
    trip_report_write,
)
from .plan import IDEA_CATEGORY, plan_propose

__all__ = [
    "CORRECTABLE",
    "IDEA_CATEGORY",
    "MAX_ROTATION_DAYS",
    "benchmark_assign",
    "benchmark_update",
    "conference_assign",
    "experience_cancel",
    "experience_correct",
    "experience_idea_save",
    "plan_propose",
    "rotation_assess",
    "rotation_assign",
    "rotation_reflect",
    "stretch_assign",
    "stretch_record_outcome",
    "task_force_launch",
    "task_force_update",
    "training_assign",
    "training_complete",
    "trip_report_review",
    "trip_report_write",
]
