"""The 9-box grid: counts per cell and the first names of each."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from candidates.models import (
    NINE_BOX_LABELS,
    Candidate,
)
from succession.models import SuccessorNomination
from succession.staleness import readiness_stale_q

NINE_BOX_NAMES_PER_CELL = 8


def ninebox_grid(
    *, candidates: QuerySet[Candidate], today: dt.date | None = None
) -> list[list[dict]]:
    """Rows top (high potential) to bottom, columns low to high performance; each cell
    with its count and its first names, each marked when a readiness of theirs is
    stale. Two queries: counts, then the names to show."""
    today = today or timezone.localdate()
    rated = candidates.filter(performance__isnull=False, potential__isnull=False).order_by()
    counts = {
        (row["performance"], row["potential"]): row["n"]
        for row in rated.values("performance", "potential").annotate(n=Count("pk"))
    }
    stale = SuccessorNomination.objects.filter(
        readiness_stale_q(today), candidate=OuterRef("pk"), is_active=True
    )
    # The first names of every cell, in one query: numbered within the cell by a window
    # function, then cut to NINE_BOX_NAMES_PER_CELL, so a crowded cell never hides another.
    ranked = (
        rated.annotate(
            cell_rank=Window(
                RowNumber(),
                partition_by=[F("performance"), F("potential")],
                order_by=[F("person__full_name").asc(), F("pk").asc()],
            ),
            stale_readiness=Exists(stale),
        )
        .filter(cell_rank__lte=NINE_BOX_NAMES_PER_CELL)
        .order_by("performance", "potential", "cell_rank")
        .values(
            "pk", "performance", "potential", "person__full_name", "flight_risk", "stale_readiness"
        )
    )
    names: dict[tuple[int, int], list] = defaultdict(list)
    for row in ranked:
        names[(row["performance"], row["potential"])].append(row)
    return [
        [
            {
                "performance": performance,
                "potential": potential,
                "label": NINE_BOX_LABELS[(performance, potential)],
                "count": counts.get((performance, potential), 0),
                "people": names.get((performance, potential), []),
            }
            for performance in (1, 2, 3)
        ]
        for potential in (3, 2, 1)
    ]
