"""Calibration checks: where a rating may say more about its rater than its subject.

Read by the talent review's board (over its agenda) and by ``/reports/calibration/``
(over the viewer's line), in a fixed number of queries:

- each rater's people against everyone else's, above or below by a point or more;
- potential rated with nothing in the last 12 months to read it from (no assessed
  rotation, stretch outcome, reviewed trip report, task force, commitment done, nor a
  mentor's read of potential);
- the gap between performance and potential by location, level and time in the pool,
  for groups of five or more only (a smaller group would name its people);
- each nominator's "ready now" against the must-haves of the seats they name.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from candidates.models import Candidate, Level, TalentRating
from succession.models import MustHave, Readiness, ReadinessEvidence, SuccessorNomination
from succession.selectors import must_haves_against

from .selectors import evidence_counts, potential_reads_since, potential_unbacked, year_ago

# A rater whose people average this much higher or lower on the 9-box (performance plus
# potential, 2 to 6) than everyone else's is flagged for the room to discuss.
RATER_GAP = 1.0
# The smallest group whose averages are shown: below it, a group's figures would be
# one or two people's ratings.
GROUP_MIN = 5
EVIDENCE_MONTHS = 12
POOL_BANDS = ((12, "Under a year in the pool"), (36, "1–3 years in the pool"))
POOL_BAND_LAST = "3 years or more in the pool"


@dataclass
class Rated:
    """A candidate as the checks read them."""

    candidate_id: int
    name: str
    url: str
    performance: int | None
    potential: int | None
    rater: str
    location: str
    level: int
    in_pool_since: dt.date
    evidence: dict  # the last year's items per kind (``EVIDENCE_COUNTS``)
    potential_read: bool  # a mentor read their potential in the last year

    @property
    def rated(self) -> bool:
        return bool(self.performance and self.potential)


def rated_rows(candidates: QuerySet[Candidate], *, today: dt.date) -> list[Rated]:
    """The candidates with who rated them last (their manager when no rating names a
    rater) and their evidence of the last 12 months: two queries."""
    since = year_ago(today)
    rows = (
        candidates.select_related("person__manager")
        .annotate(
            rater_name=Subquery(
                TalentRating.objects.filter(candidate_id=OuterRef("pk"))
                .order_by("-rated_at", "-pk")
                .values("rated_by__full_name")[:1]
            ),
            potential_read=Exists(potential_reads_since(since, "pk")),
        )
        .order_by("person__full_name", "pk")
    )
    rows = list(rows)
    counts = evidence_counts({c.pk: c.person_id for c in rows}, since)
    out = []
    for c in rows:
        manager = c.person.manager
        out.append(
            Rated(
                candidate_id=c.pk,
                name=c.person.full_name,
                url=c.get_absolute_url(),
                performance=c.performance,
                potential=c.potential,
                rater=c.rater_name or (manager.full_name if manager else "(no manager)"),
                location=c.person.location or "(no location)",
                level=c.person.level,
                in_pool_since=c.nominated_on,
                evidence=counts.get(c.pk, {}),
                potential_read=c.potential_read,
            )
        )
    return out


def raters_apart(rows: list[Rated]) -> list[dict]:
    """Raters (two rated people or more) whose people average at least RATER_GAP above
    or below everyone else's, furthest first."""
    scores = defaultdict(list)
    for row in rows:
        if row.rated:
            scores[row.rater].append(row.performance + row.potential)
    total = sum(sum(s) for s in scores.values())
    count = sum(len(s) for s in scores.values())
    flagged = []
    for rater, own in scores.items():
        others = count - len(own)
        if len(own) < 2 or others < 1:
            continue
        mean = sum(own) / len(own)
        rest = (total - sum(own)) / others
        if abs(mean - rest) >= RATER_GAP:
            flagged.append(
                {
                    "rater": rater,
                    "people": len(own),
                    "mean": mean,
                    "rest": rest,
                    "direction": "above" if mean > rest else "below",
                }
            )
    return sorted(flagged, key=lambda f: (-abs(f["mean"] - f["rest"]), f["rater"]))


def potential_on_no_evidence(rows: list[Rated]) -> list[Rated]:
    """Potential rated with nothing of the last 12 months to read it from."""
    return [
        r
        for r in rows
        if potential_unbacked(r.potential, r.evidence, potential_read=r.potential_read)
    ]


def _pool_band(row: Rated, today: dt.date) -> str:
    months = (today.year - row.in_pool_since.year) * 12 + today.month - row.in_pool_since.month
    return next((label for limit, label in POOL_BANDS if months < limit), POOL_BAND_LAST)


def gaps(rows: list[Rated], *, today: dt.date) -> list[dict]:
    """Mean performance, potential and their gap per location, level and time in the
    pool, for groups of GROUP_MIN rated people or more; the others only counted."""
    views = [
        ("Location", lambda r: r.location),
        ("Level", lambda r: Level(r.level).label),
        ("Time in the pool", lambda r: _pool_band(r, today)),
    ]
    rated = [r for r in rows if r.rated]
    out = []
    for title, key in views:
        groups = defaultdict(list)
        for row in rated:
            groups[key(row)].append(row)
        shown = []
        for label, members in sorted(groups.items()):
            if len(members) < GROUP_MIN:
                continue
            performance = sum(m.performance for m in members) / len(members)
            potential = sum(m.potential for m in members) / len(members)
            shown.append(
                {
                    "label": label,
                    "people": len(members),
                    "performance": performance,
                    "potential": potential,
                    "gap": performance - potential,
                }
            )
        hidden = [g for g in groups.values() if len(g) < GROUP_MIN]
        out.append(
            {
                "title": title,
                "groups": shown,
                "hidden_groups": len(hidden),
                "hidden_people": sum(len(g) for g in hidden),
            }
        )
    return out


def ready_now_claims(candidate_ids: list[int], *, today: dt.date) -> list[dict]:
    """Per nominator, their open "ready now" calls for these candidates: on a seat with
    must-haves all shown, decided by a second person, short of them, or on a seat that
    lists none. Three queries (the nominations, the seats' must-haves, the evidence)."""
    nominations = list(
        SuccessorNomination.objects.filter(
            candidate_id__in=candidate_ids, is_active=True, readiness=Readiness.READY_NOW
        )
        .select_related("nominated_by")
        .order_by()
    )
    must_haves = defaultdict(list)
    for must_have in MustHave.objects.filter(position_id__in={n.position_id for n in nominations}):
        must_haves[must_have.position_id].append(must_have)
    evidence = defaultdict(list)
    for item in ReadinessEvidence.objects.filter(nomination__in=[n.pk for n in nominations]):
        evidence[item.nomination_id].append(item)
    by_nominator: dict[str, dict] = {}
    for n in nominations:
        row = by_nominator.setdefault(
            n.nominated_by.full_name,
            {
                "nominator": n.nominated_by.full_name,
                "claims": 0,
                "met": 0,
                "decided": 0,
                "short": 0,
                "no_must_haves": 0,
            },
        )
        row["claims"] += 1
        asked = must_haves[n.position_id]
        if not asked:
            row["no_must_haves"] += 1
        elif all(s.met for s in must_haves_against(asked, evidence[n.pk], today)):
            row["met"] += 1
        elif n.override_by_id:
            row["decided"] += 1
        else:
            row["short"] += 1
    for row in by_nominator.values():
        with_must_haves = row["claims"] - row["no_must_haves"]
        row["coverage"] = round(100 * row["met"] / with_must_haves) if with_must_haves else None
    return sorted(by_nominator.values(), key=lambda r: (-r["claims"], r["nominator"]))


def calibration_checks(candidates: QuerySet[Candidate], *, today: dt.date) -> dict:
    """Every check over one set of candidates: five queries."""
    rows = rated_rows(candidates, today=today)
    return {
        "raters_apart": raters_apart(rows),
        "potential_unbacked": potential_on_no_evidence(rows),
        "gaps": gaps(rows, today=today),
        "ready_now_claims": ready_now_claims([r.candidate_id for r in rows], today=today),
        "checked": len(rows),
        "rated": sum(r.rated for r in rows),
        "group_min": GROUP_MIN,
        "evidence_months": EVIDENCE_MONTHS,
    }
