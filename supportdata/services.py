"""The sync: a source's pages, stored once, its cursor kept after each page, the months it
touched rebuilt with their team medians; and HR's aliases."""

from __future__ import annotations

import datetime as dt
import logging
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import reset_queries, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from candidates.models import Person
from common.actor import Actor
from common.dates import months_before

from .models import (
    FIGURES,
    MAPPING_CACHE_KEY,
    AgentAlias,
    FigureMapping,
    Kind,
    SourceState,
    SupportItem,
    SupportMonth,
    TeamMedian,
    UnmatchedAgent,
)
from .sources import CONNECTED, Item, Reader, SourceError

log = logging.getLogger(__name__)
LEASE = dt.timedelta(hours=2)
PROBLEMS_KEPT = 20
ITEM_FIELDS = (
    "person_id",
    "occurred_on",
    "satisfaction",
    "groups",
    "reopened",
    "sla",
    "severity",
    "reuse",
)


@dataclass
class SyncResult:
    source: str
    status: str = "ok"  # ok / failed / off / busy
    seen: int = 0
    new: int = 0
    changed: int = 0
    skipped: int = 0
    unmatched: int = 0
    problems: list[str] = field(default_factory=list)
    error: str = ""

    def summary(self) -> str:
        if self.status == "off":
            return f"{self.source}: off (no credentials)"
        if self.status == "busy":
            return f"{self.source}: already syncing elsewhere, left alone"
        text = (
            f"{self.source}: {self.seen} read, {self.new} new, {self.changed} changed, "
            f"{self.skipped} skipped, {self.unmatched} by unmatched agents"
        )
        return text + (f"; failed: {self.error}" if self.error else "")


class Matcher:
    """An agent is a person by HR's alias for that source, else by e-mail; never by name."""

    def __init__(self, source: str):
        self.source = source
        self.aliases = {
            a.lower(): p
            for a, p in AgentAlias.objects.filter(source=source).values_list("handle", "person_id")
        }
        self.emails = {e.lower(): p for e, p in Person.objects.values_list("email", "pk")}

    def person_id(self, item: Item) -> int | None:
        agent = item.agent
        for key in (agent.handle.lower(), agent.email.lower()):
            if key and key in self.aliases:
                return self.aliases[key]
        if agent.email:
            return self.emails.get(agent.email.lower())
        return None


def _acquire(source: str) -> SourceState | None:
    state, _ = SourceState.objects.get_or_create(source=source)
    now = timezone.now()
    taken = SourceState.objects.filter(
        Q(running_since__isnull=True) | Q(running_since__lt=now - LEASE), pk=state.pk
    ).update(running_since=now, last_started_at=now)
    if not taken:
        return None
    state.refresh_from_db()
    return state


def _store(source: str, items: list[Item], matcher: Matcher, result: SyncResult, touched: set):
    """One page: new items inserted, changed ones updated, unchanged ones left; agents no
    alias or e-mail matches counted for HR. One transaction per page."""
    rows, unmatched = {}, defaultdict(lambda: [None, 0])
    for item in items:
        person_id = matcher.person_id(item)
        if person_id is None:
            entry = unmatched[item.agent.handle or item.agent.email]
            entry[0], entry[1] = item.agent, entry[1] + 1
            continue
        rows[(item.kind, item.external_id)] = SupportItem(
            source=source,
            kind=item.kind,
            external_id=item.external_id,
            person_id=person_id,
            occurred_on=item.occurred_on,
            satisfaction=item.satisfaction,
            groups=item.groups,
            reopened=item.reopened,
            sla=item.sla,
            severity=item.severity,
            reuse=item.reuse,
        )
    with transaction.atomic():
        existing = {}
        for kind in {k for k, _ in rows}:
            ids = [e for k, e in rows if k == kind]
            for old in SupportItem.objects.filter(source=source, kind=kind, external_id__in=ids):
                existing[(old.kind, old.external_id)] = old
        new, changed = [], []
        for key, row in rows.items():
            old = existing.get(key)
            if old is None:
                new.append(row)
            elif any(getattr(old, f) != getattr(row, f) for f in ITEM_FIELDS):
                touched.add((old.person_id, old.occurred_on.replace(day=1)))
                row.pk = old.pk
                changed.append(row)
            else:
                continue
            touched.add((row.person_id, row.occurred_on.replace(day=1)))
        SupportItem.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        SupportItem.objects.bulk_update(changed, ITEM_FIELDS, batch_size=1000)
        for handle, (agent, count) in unmatched.items():
            row, _ = UnmatchedAgent.objects.get_or_create(
                source=source,
                handle=handle[:254],
                defaults={"email": agent.email[:254], "name": agent.name[:200]},
            )
            UnmatchedAgent.objects.filter(pk=row.pk).update(records=F("records") + count)
    result.new += len(new)
    result.changed += len(changed)
    result.unmatched += sum(count for _, count in unmatched.values())


def sync_source(
    source: str,
    *,
    since: dt.date | None = None,
    full: bool = False,
    reader: Reader | None = None,
) -> SyncResult:
    """Read ``source`` from its cursor (or from ``since``, or from the start with
    ``full``), store what is new, rebuild the months it touched. Safe to run twice at
    once (the second leaves it) and after a failure (it resumes from the cursor)."""
    reader = reader or CONNECTED[source]
    result = SyncResult(source=source)
    if not reader.configured():
        result.status = "off"
        SourceState.objects.get_or_create(source=source)
        return result
    state = _acquire(source)
    if state is None:
        result.status = "busy"
        return result
    start = since or months_before(timezone.localdate(), settings.SUPPORT_SYNC_START_MONTHS)
    cursor = "" if (full or since) else state.cursor
    matcher = Matcher(source)
    touched: set[tuple[int, dt.date]] = set()
    try:
        for page in reader.pages(cursor=cursor, since=start):
            result.seen += len(page.items) + len(page.problems)
            result.skipped += len(page.problems)
            result.problems.extend(page.problems)
            _store(source, page.items, matcher, result, touched)
            reset_queries()  # a long run with DEBUG on would keep every page's SQL
            if page.cursor:
                SourceState.objects.filter(pk=state.pk).update(cursor=page.cursor)
    except SourceError as error:
        result.status, result.error = "failed", str(error)
        log.warning("support sync %s failed: %s", source, error)
    months_rebuild(touched)
    now = timezone.now()
    SourceState.objects.filter(pk=state.pk).update(
        running_since=None,
        last_finished_at=now,
        last_status=result.status,
        last_error=result.error,
        seen=result.seen,
        stored=result.new + result.changed,
        skipped=result.skipped,
        unmatched=result.unmatched,
        problems=result.problems[-PROBLEMS_KEPT:],
        **({"last_ok_at": now} if result.status == "ok" else {}),
    )
    return result


def sync_all(**kwargs) -> list[SyncResult]:
    return [sync_source(source, **kwargs) for source in CONNECTED]


# --- Months and medians --------------------------------------------------------------


def _month_figures():
    ticket = Q(kind=Kind.TICKET)
    led = Q(kind=Kind.INCIDENT_LED)
    return {
        "tickets_solved": Count("pk", filter=ticket),
        "satisfaction_good": Count("pk", filter=ticket & Q(satisfaction="good")),
        "satisfaction_bad": Count("pk", filter=ticket & Q(satisfaction="bad")),
        "escalations_resolved": Count("pk", filter=ticket & Q(groups__gte=2)),
        "reopened": Count("pk", filter=ticket & Q(reopened=True)),
        "sla_met": Count("pk", filter=ticket & Q(sla="met")),
        "sla_breached": Count("pk", filter=ticket & Q(sla="breached")),
        "incidents_led_sev1": Count("pk", filter=led & Q(severity=1)),
        "incidents_led_sev2": Count("pk", filter=led & Q(severity=2)),
        "incidents_led_other": Count("pk", filter=led & ~Q(severity__in=[1, 2])),
        "incidents_responded": Count("pk", filter=Q(kind=Kind.INCIDENT_RESPONDED)),
        "articles": Count("pk", filter=Q(kind=Kind.ARTICLE)),
        "article_reuse": Sum("reuse", filter=Q(kind=Kind.ARTICLE), default=0),
    }


# The rates a leader reads, each as (part, whole...): a person's rate counts only when its
# whole is not zero; the team's is the median of those.
RATES = {
    "satisfaction_pct": ("satisfaction_good", "satisfaction_good", "satisfaction_bad"),
    "reopen_pct": ("reopened", "tickets_solved"),
    "sla_pct": ("sla_met", "sla_met", "sla_breached"),
}


def rate(row: dict, part: str, *whole: str) -> float | None:
    total = sum(row[w] for w in whole)
    return round(100 * row[part] / total, 1) if total else None


def _median_rate(people: list[dict], part: str, *whole: str) -> float | None:
    rates = [r for r in (rate(p, part, *whole) for p in people) if r is not None]
    return statistics.median(rates) if rates else None


def months_rebuild(touched: Iterable[tuple[int, dt.date]]) -> None:
    """Recount each touched (person, month) from its items, then the medians of the
    departments and months involved."""
    by_month = defaultdict(set)
    for person_id, month in touched:
        by_month[month].add(person_id)
    for month, people in by_month.items():
        people = sorted(people)
        for start in range(0, len(people), 2000):
            chunk = people[start : start + 2000]
            rows = (
                SupportItem.objects.filter(
                    person_id__in=chunk,
                    occurred_on__gte=month,
                    occurred_on__lt=months_before(month, -1),
                )
                .values("person_id")
                .annotate(**_month_figures())
                .order_by()
            )
            months = [SupportMonth(month=month, **row) for row in rows]
            with transaction.atomic():
                SupportMonth.objects.filter(person_id__in=chunk, month=month).delete()
                SupportMonth.objects.bulk_create(months, batch_size=1000)
    departments = set(
        Person.objects.filter(pk__in={p for p, _ in touched}).values_list(
            "department_id", flat=True
        )
    )
    medians_rebuild(departments=departments, months=set(by_month))


def medians_rebuild(*, departments: set[int], months: set[dt.date]) -> None:
    for month in months:
        rows = SupportMonth.objects.filter(
            month=month, person__department_id__in=departments
        ).values("person__department_id", *FIGURES)
        grouped = defaultdict(list)
        for row in rows.iterator(chunk_size=5000):
            grouped[row.pop("person__department_id")].append(row)
        medians = [
            TeamMedian(
                department_id=department,
                month=month,
                people=len(people),
                figures={
                    **{f: statistics.median(p[f] for p in people) for f in FIGURES},
                    **{name: _median_rate(people, *parts) for name, parts in RATES.items()},
                },
            )
            for department, people in grouped.items()
        ]
        with transaction.atomic():
            TeamMedian.objects.filter(department_id__in=departments, month=month).delete()
            TeamMedian.objects.bulk_create(medians)


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


# --- HR: aliases ---------------------------------------------------------------------


@transaction.atomic
def alias_add(*, actor: Actor, source: str, handle: str, person: Person) -> AgentAlias:
    """HR says who an unmatched agent is; the agent leaves the unmatched list and the next
    full sync of that source keeps their records."""
    alias, _ = AgentAlias.objects.update_or_create(
        source=source,
        handle=handle.strip().lower()[:254],
        defaults={"person": person, "created_by": actor.person},
    )
    UnmatchedAgent.objects.filter(source=source, handle__iexact=handle.strip()).delete()
    return alias


# --- HR: which competencies a figure speaks to ---------------------------------------


@transaction.atomic
def mapping_set(*, actor: Actor, figure: str, competencies) -> FigureMapping:
    mapping, _ = FigureMapping.objects.update_or_create(
        figure=figure, defaults={"updated_by": actor.person}
    )
    mapping.competencies.set(competencies)
    transaction.on_commit(lambda: cache.delete(MAPPING_CACHE_KEY))
    return mapping
