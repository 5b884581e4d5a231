"""The talent pool: its rows with what the page shows and sorts on, its filters, its CSV."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import (
    Case,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from agreements.selectors import (
    open_agreement,
    progress_annotations,
)
from audit import record as audit
from candidates.access import talent_pool
from candidates.models import (
    Candidate,
    Department,
    FlightRisk,
    Level,
)
from common.actor import Actor
from common.sql import count_subquery
from development.models import Rotation
from mentorship.models import MentorPairing
from mentorship.selectors import checkin_overdue
from succession.access import positions_visible_to
from succession.models import Readiness, SuccessorNomination
from succession.staleness import readiness_is_stale

from ..filters import PoolFilter


def filter_options(*, actor: Actor) -> dict:
    """Choices for the filter bar, limited to what the actor may see."""
    return {
        # Every department (a handful, and no secret): finding those of the actor's line
        # would read the whole line first.
        "departments": list(Department.objects.order_by("name").values_list("pk", "name")),
        "levels": Level.choices,
        # A queryset, never listed whole: the filter's picker reads what it shows.
        "positions": positions_visible_to(actor).order_by("title", "pk"),
    }


def pool_queryset(
    *, actor: Actor, shown_as: str = audit.What.POOL, today: dt.date | None = None
) -> QuerySet[Candidate]:
    """The candidates the actor manages (``talent_pool``: the read is recorded as
    ``shown_as``) with what the pool filters and sorts on, and no join: counting the
    filtered pool reads the candidates alone (Django drops the unused columns).
    ``pool_rows`` adds what a page of them shows."""
    today = today or timezone.localdate()
    active = MentorPairing.objects.filter(
        candidate=OuterRef("pk"), status=MentorPairing.Status.ACTIVE
    )
    return (
        talent_pool(actor, shown_as=shown_as)
        .annotate(
            last_met_on=Subquery(active.values("last_met_on")[:1]),
            agreement_id=open_agreement(),
            rotations_done=count_subquery(
                Rotation.objects.filter(person=OuterRef("person"), status=Rotation.Status.COMPLETED)
            ),
            flight_risk_rank=Case(
                When(flight_risk=FlightRisk.HIGH, then=Value(3)),
                When(flight_risk=FlightRisk.MEDIUM, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            **progress_annotations(),
        )
        .annotate(commitments_done=F("company_done") + F("candidate_done"))
        .order_by("person__full_name", "pk")
    )


def pool_rows(candidates: QuerySet[Candidate], today: dt.date | None = None) -> QuerySet:
    """The filtered pool with what its rows show: one join to the active pairing (at
    most one per candidate, a database constraint) and the open target positions."""
    today = today or timezone.localdate()
    return (
        candidates.annotate(
            active_pairing=FilteredRelation("pairings", condition=Q(pairings__status="active"))
        )
        .select_related("person__department")
        .annotate(
            mentor_name=F("active_pairing__mentor__full_name"),
            cadence_days=F("active_pairing__cadence_days"),
            checkin_due_on=F("active_pairing__checkin_due_on"),
            checkin_overdue=checkin_overdue(today, "active_pairing__"),
        )
        .prefetch_related(
            Prefetch(
                "nominations",
                queryset=SuccessorNomination.objects.filter(is_active=True)
                .select_related("position")
                .annotate(is_stale=readiness_is_stale(today))
                .order_by("readiness", "position__title"),
                to_attr="active_nominations",
            )
        )
    )


def target_positions(*, candidates: QuerySet[Candidate]) -> dict[int, list[str]]:
    """Each candidate's open nominations as "title (readiness)", for the CSV: one query
    for all the filtered candidates."""
    readiness = dict(Readiness.choices)
    found: dict[int, list[str]] = defaultdict(list)
    for candidate_id, title, value in (
        SuccessorNomination.objects.filter(
            is_active=True, candidate__in=candidates.order_by().values("pk")
        )
        .order_by("candidate_id", "readiness", "position__title")
        .values_list("candidate_id", "position__title", "readiness")
        .iterator(chunk_size=5000)
    ):
        found[candidate_id].append(f"{title} ({readiness[value]})")
    return found


def pool_filter_form(*, actor: Actor, data):
    """The filter bar's form alone (no candidate read), to answer its position picker."""
    return PoolFilter(
        data,
        queryset=Candidate.objects.none(),
        positions=positions_visible_to(actor).order_by("title", "pk"),
    ).form


def pool_filterset(
    *, actor: Actor, data, options: dict, shown_as: str = audit.What.POOL
) -> PoolFilter:
    return PoolFilter(
        data,
        queryset=pool_queryset(actor=actor, shown_as=shown_as),
        departments=options["departments"],
        positions=options["positions"],
    )
