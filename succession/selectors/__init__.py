"""Reads of succession and readiness, one module per idea: the bench of key positions
(``bench``), what a manager may pick (``choices``), a readiness and its evidence
(``readiness``), targets and gaps (``targets``)."""

from .bench import (
    READINESS_ORDER,
    position_page,
    position_succession,
    positions_counts,
    positions_page,
    positions_with_bench,
    succession_risk_reasons,
)
from .choices import follow_ups_open_for_user, positions_within_reach, successor_choices
from .coverage import cover_of, coverage
from .musthaves import (
    must_have_meets,
    must_haves_against,
    must_haves_listed,
    must_haves_of,
    must_haves_unshown,
    nomination_must_haves,
)
from .readiness import evidence_by_nomination, nominations_with_staleness, readiness_page
from .targets import (
    candidate_gaps,
    competency_gaps,
    position_targets,
    position_targets_named,
    positions_for_targets,
    target_profile_rows,
    targets_overview,
    targets_resolve,
)

__all__ = [
    "READINESS_ORDER",
    "candidate_gaps",
    "competency_gaps",
    "cover_of",
    "coverage",
    "evidence_by_nomination",
    "follow_ups_open_for_user",
    "must_have_meets",
    "must_haves_against",
    "must_haves_listed",
    "must_haves_of",
    "must_haves_unshown",
    "nomination_must_haves",
    "nominations_with_staleness",
    "position_page",
    "position_succession",
    "position_targets",
    "position_targets_named",
    "positions_counts",
    "positions_for_targets",
    "positions_page",
    "positions_with_bench",
    "positions_within_reach",
    "readiness_page",
    "succession_risk_reasons",
    "successor_choices",
    "target_profile_rows",
    "targets_overview",
    "targets_resolve",
]
