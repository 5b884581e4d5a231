"""Taking the programme's monthly snapshot.

The month under way is taken from the live rules (the same functions the pages call:
``readiness_stale_q``, ``checkin_overdue_q``, ``agreement_on_track_q``), so its figures
agree with the live pages. A past month is rebuilt from history (``snapshot_backfill``):
readiness from ``ReadinessChange``, evidence by the day it was attached, pairings and
their meetings by date, candidates' status by the day it last changed."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from agreements.models import Commitment, LeadershipAgreement
from agreements.selectors import COUNTED, OPEN_STATUSES, agreement_on_track_q
from candidates.models import Candidate, CandidateStatus
from mentorship.models import MentorPairing
from mentorship.selectors import checkin_overdue_q
from succession.models import (
    KeyPosition,
    PositionFill,
    Readiness,
    ReadinessChange,
    ReadinessEvidence,
    SuccessorNomination,
)
from succession.staleness import readiness_is_stale, readiness_stale_before

from .models import CandidateMonth, NominationMonth, PositionMonth, ProgrammeMonth
from .selectors import month_totals


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_last_day(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def months_back(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


@transaction.atomic
def snapshot_take(*, as_of: dt.date | None = None, source: str = ProgrammeMonth.Source.TAKEN):
    """Record the month of ``as_of`` as it stands on that day, replacing what the month
    held. Idempotent: a rerun, or two workers at once (the month's row is locked),
    leave one set of rows with the same figures."""
    today = timezone.localdate()
    as_of = as_of or today
    month = month_of(as_of)
    header, _ = ProgrammeMonth.objects.get_or_create(
        month=month, defaults={"as_of": as_of, "source": source, "taken_at": timezone.now()}
    )
    header = ProgrammeMonth.objects.select_for_update().get(pk=header.pk)
    NominationMonth.objects.filter(month=header).delete()
    CandidateMonth.objects.filter(month=header).delete()
    PositionMonth.objects.filter(month=header).delete()
    if as_of >= today:
        nominations, candidates = _live_facts(today)
    else:
        nominations, candidates = _history_facts(as_of)
    positions = _position_facts(month, as_of, nominations)
    NominationMonth.objects.bulk_create(
        (NominationMonth(month=header, **row) for row in nominations), batch_size=2000
    )
    CandidateMonth.objects.bulk_create(
        (CandidateMonth(month=header, **row) for row in candidates), batch_size=2000
    )
    PositionMonth.objects.bulk_create(
        (PositionMonth(month=header, **row) for row in positions), batch_size=2000
    )
    header.as_of = as_of
    header.source = source
    header.taken_at = timezone.now()
    header.totals = month_totals(header.pk)
    header.save(update_fields=["as_of", "source", "taken_at", "totals"])
    return header


def snapshot_backfill(*, months: int = 24, today: dt.date | None = None, force: bool = False):
    """Rebuild the past ``months`` completed months from history (each as of its last
    day), and take the month under way. A past month taken on the day is kept unless
    ``force``: what was seen then is better than a reconstruction."""
    today = today or timezone.localdate()
    current = month_of(today)
    kept = set(
        ProgrammeMonth.objects.filter(source=ProgrammeMonth.Source.TAKEN, as_of__lt=today)
        .exclude(month=current)
        .values_list("month", flat=True)
    )
    done = []
    for n in range(months, 0, -1):
        month = months_back(current, n)
        if month in kept and not force:
            continue
        done.append(
            snapshot_take(as_of=month_last_day(month), source=ProgrammeMonth.Source.BACKFILL)
        )
    done.append(snapshot_take(as_of=today))
    return done


# --- Facts as the live pages see them -----------------------------------------------------


def _live_facts(today: dt.date):
    return _live_nominations(today), _live_candidates(today)


def _live_nominations(today: dt.date) -> list[dict]:
    """Open nominations of active candidates, as the positions page counts them."""
    return [
        {
            "position_id": row["position_id"],
            "candidate_id": row["candidate_id"],
            "reporting_path": row["candidate__person__reporting_path"],
            "readiness": row["readiness"],
            "is_stale": row["is_stale"],
            "days_at_readiness": (
                today - (row["readiness_changed_on"] or row["nominated_on"])
            ).days,
            "human_decision": row["readiness"] == Readiness.READY_NOW
            and row["override_by_id"] is not None,
        }
        for row in SuccessorNomination.objects.filter(
            is_active=True, candidate__status=CandidateStatus.ACTIVE
        )
        .annotate(is_stale=readiness_is_stale(today))
        .values(
            "position_id",
            "candidate_id",
            "candidate__person__reporting_path",
            "readiness",
            "is_stale",
            "readiness_changed_on",
            "nominated_on",
            "override_by_id",
        )
        .order_by()
        .iterator(chunk_size=5000)
    ]


def _live_candidates(today: dt.date) -> list[dict]:
    """Every candidate with their status, pairing and agreement, as the pool shows them."""
    month = month_of(today)
    active_pairing = MentorPairing.objects.filter(
        candidate=OuterRef("pk"), status=MentorPairing.Status.ACTIVE
    )
    agreements = LeadershipAgreement.objects.filter(candidate=OuterRef("pk"))
    return [
        {
            "candidate_id": row["pk"],
            "reporting_path": row["person__reporting_path"],
            "status": row["status"],
            "graduated": _changed_in(row, CandidateStatus.GRADUATED, month, today),
            "exited": _changed_in(row, CandidateStatus.EXITED, month, today),
            "pairing_active": row["pairing_active"],
            "pairing_on_cadence": row["pairing_active"] and not row["pairing_overdue"],
            "agreement_open": row["agreement_open"],
            "agreement_on_track": row["agreement_on_track"],
        }
        for row in Candidate.objects.annotate(
            pairing_active=Exists(active_pairing),
            pairing_overdue=Exists(active_pairing.filter(checkin_overdue_q(today))),
            agreement_open=Exists(agreements.filter(status__in=OPEN_STATUSES)),
            agreement_on_track=Exists(agreements.filter(agreement_on_track_q(today))),
        )
        .values(
            "pk",
            "person__reporting_path",
            "status",
            "status_changed_on",
            "pairing_active",
            "pairing_overdue",
            "agreement_open",
            "agreement_on_track",
        )
        .order_by()
        .iterator(chunk_size=5000)
    ]


def _changed_in(row: dict, status: str, month: dt.date, as_of: dt.date) -> bool:
    changed = row["status_changed_on"]
    return bool(row["status"] == status and changed and month <= changed <= as_of)


# --- Facts rebuilt from history ------------------------------------------------------


def _status_on(row: dict, day: dt.date) -> str:
    """A candidate's status on a past day: the current one, unless it changed later
    (the pool records only the last change; before it, they were active)."""
    changed = row["status_changed_on"]
    return CandidateStatus.ACTIVE if changed and changed > day else row["status"]


def _history_facts(as_of: dt.date):
    candidate_rows = {
        row["pk"]: row
        for row in Candidate.objects.filter(nominated_on__lte=as_of)
        .values("pk", "person__reporting_path", "status", "status_changed_on")
        .order_by()
    }
    return (
        _history_nominations(as_of, candidate_rows),
        _history_candidates(as_of, candidate_rows),
    )


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def _readiness_then(row: dict, changes: list[dict]) -> tuple[str, dt.date, dt.date]:
    """A nomination's readiness on a past day from its history: the readiness, the day
    it was last confirmed, and the day it was reached (a confirmation moves the first,
    not the second)."""
    readiness = changes[-1]["readiness"] if changes else row["readiness"]
    confirmed = changes[-1]["changed_on"] if changes else row["nominated_on"]
    since, previous = row["nominated_on"], None
    for change in changes:
        if change["kind"] != ReadinessChange.Kind.CONFIRMED and change["readiness"] != previous:
            since = change["changed_on"]
        previous = change["readiness"]
    return readiness, confirmed, since


def _decided_then(changes: list[dict]) -> bool:
    """Whether the readiness stood as a human decision: its last setting was one."""
    settings = [c["kind"] for c in changes if c["kind"] != ReadinessChange.Kind.CONFIRMED]
    return bool(settings) and settings[-1] == ReadinessChange.Kind.OVERRIDDEN


def _history_nominations(as_of: dt.date, candidate_rows: dict) -> list[dict]:
    """The nominations open on a past day, of candidates active then, with the readiness,
    staleness and time at readiness they had (the history and evidence of that day)."""
    cutoff = readiness_stale_before(as_of)
    open_then = SuccessorNomination.objects.filter(nominated_on__lte=as_of).filter(
        Q(is_active=True) | Q(closed_on__gt=as_of)
    )
    history = defaultdict(list)
    for change in (
        ReadinessChange.objects.filter(nomination__in=open_then, changed_on__lte=as_of)
        .order_by("nomination_id", "changed_on", "pk")
        .values("nomination_id", "kind", "readiness", "changed_on")
    ):
        history[change["nomination_id"]].append(change)
    evidence = dict(
        ReadinessEvidence.objects.filter(
            nomination__in=open_then, dated_on__lte=as_of, attached_at__lte=_end_of(as_of)
        )
        .values("nomination_id")
        .annotate(latest=Max("dated_on"))
        .values_list("nomination_id", "latest")
        .order_by()
    )
    nominations = []
    for row in open_then.values(
        "pk", "position_id", "candidate_id", "readiness", "nominated_on"
    ).order_by():
        candidate = candidate_rows.get(row["candidate_id"])
        if candidate is None or _status_on(candidate, as_of) != CandidateStatus.ACTIVE:
            continue
        changes = history.get(row["pk"], [])
        readiness, confirmed, since = _readiness_then(row, changes)
        latest_evidence = evidence.get(row["pk"])
        fresh = max(confirmed, latest_evidence) if latest_evidence else confirmed
        nominations.append(
            {
                "position_id": row["position_id"],
                "candidate_id": row["candidate_id"],
                "reporting_path": candidate["person__reporting_path"],
                "readiness": readiness,
                "is_stale": fresh < cutoff,
                "days_at_readiness": (as_of - since).days,
                "human_decision": readiness == Readiness.READY_NOW and _decided_then(changes),
            }
        )
    return nominations


def _pairings_then(as_of: dt.date) -> dict[int, dict]:
    """Each candidate's pairing running on a past day, with its last meeting by then."""
    return {
        row["candidate_id"]: row
        for row in MentorPairing.objects.filter(starts_on__lte=as_of)
        .exclude(status="cancelled")
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=as_of))
        .annotate(
            last_met=Max("meetings__held_on", filter=Q(meetings__held_on__lte=as_of)),
        )
        .values("candidate_id", "starts_on", "cadence_days", "last_met")
        .order_by()
    }


def _agreements_then(as_of: dt.date) -> dict[int, bool]:
    """The candidates with an agreement open on a past day, and whether it was on track
    then (its review not past, no commitment late)."""
    end_of_day = _end_of(as_of)
    late = Commitment.objects.filter(
        COUNTED,
        agreement=OuterRef("pk"),
        due_on__lt=as_of,
    ).exclude(status=Commitment.Status.DONE, updated_at__lte=end_of_day)
    agreements: dict[int, bool] = {}
    for row in (
        LeadershipAgreement.objects.filter(effective_on__lte=as_of)
        .exclude(status=LeadershipAgreement.Status.DRAFT)
        .exclude(status=LeadershipAgreement.Status.CLOSED, updated_at__lte=end_of_day)
        .annotate(late=Exists(late))
        .values("candidate_id", "review_on", "late")
        .order_by()
    ):
        on_track = row["review_on"] >= as_of and not row["late"]
        agreements[row["candidate_id"]] = agreements.get(row["candidate_id"], False) or on_track
    return agreements


def _history_candidates(as_of: dt.date, candidate_rows: dict) -> list[dict]:
    """Every candidate of a past day with the status, pairing and agreement they had."""
    month = month_of(as_of)
    pairings = _pairings_then(as_of)
    agreements = _agreements_then(as_of)
    candidates = []
    for pk, row in candidate_rows.items():
        pairing = pairings.get(pk)
        on_cadence = False
        if pairing:
            base = pairing["last_met"] or pairing["starts_on"]
            on_cadence = base + dt.timedelta(days=pairing["cadence_days"]) >= as_of
        candidates.append(
            {
                "candidate_id": pk,
                "reporting_path": row["person__reporting_path"],
                "status": _status_on(row, as_of),
                "graduated": _changed_in(row, CandidateStatus.GRADUATED, month, as_of),
                "exited": _changed_in(row, CandidateStatus.EXITED, month, as_of),
                "pairing_active": pairing is not None,
                "pairing_on_cadence": on_cadence,
                "agreement_open": pk in agreements,
                "agreement_on_track": agreements.get(pk, False),
            }
        )
    return candidates


def _position_facts(month: dt.date, as_of: dt.date, nominations: list[dict]) -> list[dict]:
    ready = defaultdict(lambda: [0, 0])
    for row in nominations:
        if row["readiness"] == Readiness.READY_NOW:
            ready[row["position_id"]][0] += 1
            ready[row["position_id"]][1] += not row["is_stale"]
    fills = defaultdict(lambda: [0, 0])
    for position_id, from_pool in PositionFill.objects.filter(
        filled_on__gte=month, filled_on__lte=as_of
    ).values_list("position_id", "from_pool"):
        fills[position_id][0 if from_pool else 1] += 1
    withdrawn = defaultdict(int)
    for position_id in ReadinessChange.objects.filter(
        kind=ReadinessChange.Kind.WITHDRAWN, changed_on__gte=month, changed_on__lte=as_of
    ).values_list("nomination__position_id", flat=True):
        withdrawn[position_id] += 1
    return [
        {
            "position_id": pk,
            "ready_now": ready[pk][0],
            "ready_now_fresh": ready[pk][1],
            "fills_from_pool": fills[pk][0],
            "fills_from_outside": fills[pk][1],
            "withdrawals": withdrawn[pk],
        }
        for pk in KeyPosition.objects.filter(is_active=True).values_list("pk", flat=True)
    ]
