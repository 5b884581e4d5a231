"""Reads for the pages that cross apps, one module per page: the pool (``pool``), the
9-box (``ninebox``), a profile (``profile``), /me/ (``me``). Each starts from an
access-filtered queryset and gathers what its page shows in a fixed number of queries,
whatever the number of rows."""

from .me import my_plan
from .ninebox import NINE_BOX_NAMES_PER_CELL, ninebox_grid
from .pool import (
    filter_options,
    pool_filter_form,
    pool_filterset,
    pool_queryset,
    pool_rows,
    target_positions,
)
from .profile import candidate_card, candidate_profile, competency_chart, competency_facts

__all__ = [
    "NINE_BOX_NAMES_PER_CELL",
    "candidate_card",
    "candidate_profile",
    "competency_chart",
    "competency_facts",
    "filter_options",
    "my_plan",
    "ninebox_grid",
    "pool_filter_form",
    "pool_filterset",
    "pool_queryset",
    "pool_rows",
    "target_positions",
]
