"""Target competency profiles: what a key position asks of each competency (its own
target, else its level's), and a candidate's gaps against the positions they are
nominated for."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from candidates.models import Candidate, Competency, Level
from candidates.selectors import competency_ratings

from ..models import CompetencyTarget, KeyPosition, SuccessorNomination


def position_targets(*, positions: list[KeyPosition]) -> dict[int, dict[int, int]]:
    """Each position's target per competency (id → 1–5): its own where set, else its
    level's. One query, whatever the number of positions."""
    return position_targets_named(positions=positions)[0]


def position_targets_named(
    *, positions: list[KeyPosition]
) -> tuple[dict[int, dict[int, int]], list[tuple[int, str]]]:
    """``position_targets`` and the competencies they name, in the model's order, from
    the same single query."""
    if not positions:
        return {}, []
    rows = CompetencyTarget.objects.filter(
        Q(position__in=[p.pk for p in positions]) | Q(level__in={p.level for p in positions}),
        competency__is_active=True,
    ).values_list(
        "position_id", "level", "competency_id", "target", "competency__order", "competency__name"
    )
    return targets_resolve(rows=rows, positions=positions)


def targets_resolve(*, rows, positions: list[KeyPosition]):
    """THE rule of a position's targets, from target rows (position id, level,
    competency id, target, competency order, competency name): its own where set, else
    its level's; and the competencies they name, in the model's order."""
    found: dict[int, dict[int, int]] = {p.pk: {} for p in positions}
    by_level: dict[int, dict[int, int]] = defaultdict(dict)
    own: dict[int, dict[int, int]] = defaultdict(dict)
    names: dict[int, tuple[int, str]] = {}
    for position_id, level, competency_id, target, order, name in rows:
        names[competency_id] = (order, name)
        if position_id:
            own[position_id][competency_id] = target
        else:
            by_level[level][competency_id] = target
    for position in positions:
        found[position.pk] = {**by_level[position.level], **own[position.pk]}
    model = sorted(names.items(), key=lambda item: item[1])
    return found, [(pk, name) for pk, (_, name) in model]


def target_profile_rows(*, position: KeyPosition | None = None, level: int | None = None):
    """The editor's rows: every active competency with the target set here, and (for a
    position) the level's default it falls back to. Two queries."""
    level = position.level if position is not None else level
    level_targets = dict(
        CompetencyTarget.objects.filter(level=level).values_list("competency_id", "target")
    )
    own = (
        dict(
            CompetencyTarget.objects.filter(position=position).values_list(
                "competency_id", "target"
            )
        )
        if position is not None
        else level_targets
    )
    return [
        {
            "competency": competency,
            "target": own.get(competency.pk),
            "level_default": level_targets.get(competency.pk),
        }
        for competency in Competency.objects.filter(is_active=True)
    ]


def competency_gaps(*, latest: dict[int, int], targets: dict[int, int], names: dict[int, str]):
    """Per competency with a target: the latest score (None when never rated, which is
    a gap of the whole target) and the gap, largest first, then by name."""
    rows = [
        {
            "competency_id": competency_id,
            "competency": names.get(competency_id, ""),
            "target": target,
            "score": latest.get(competency_id),
            "gap": target - (latest.get(competency_id) or 0),
        }
        for competency_id, target in targets.items()
        if competency_id in names
    ]
    rows.sort(key=lambda r: (-r["gap"], r["competency"]))
    return rows


def candidate_gaps(
    *,
    candidate: Candidate,
    latest: dict[int, int] | None = None,
    nominations: list[SuccessorNomination] | None = None,
    targets_named=None,
) -> list[dict]:
    """For each position the candidate is nominated for: its targets, the candidate's
    latest ratings against them and the gaps, largest first. Three queries: nominations,
    ratings, targets with their competencies (one when the caller has the first two)."""
    if nominations is None:
        nominations = list(
            SuccessorNomination.objects.filter(candidate=candidate, is_active=True)
            .select_related("position")
            .order_by("-position__level", "position__title")
        )
    else:
        nominations = [n for n in nominations if n.is_active]
    if latest is None:
        latest = {
            r.competency_id: r.score
            for r in competency_ratings(candidate=candidate)["competencies"]
        }
    positions = [n.position for n in nominations]
    targets, model = targets_named or position_targets_named(positions=positions)
    names = dict(model)
    result = []
    for nomination in nominations:
        position_target = targets[nomination.position.pk]
        gaps = competency_gaps(latest=latest, targets=position_target, names=names)
        ordered = [pk for pk, _ in model if pk in position_target]
        result.append(
            {
                "nomination": nomination,
                "position": nomination.position,
                "gaps": [g for g in gaps if g["gap"] > 0],
                "chart_id": f"target-data-{nomination.position.pk}",
                "all": gaps,
                "chart": {
                    "labels": [names[pk] for pk in ordered],
                    "target": [position_target[pk] for pk in ordered],
                    "scores": [latest.get(pk) for pk in ordered],
                },
            }
        )
    return result


def positions_for_targets(*, positions) -> list[KeyPosition]:
    return list(positions.select_related("department").order_by("-level", "title"))


def targets_overview() -> dict:
    """HR's index of target profiles: per level, how many competencies have a target;
    the positions that set their own. Two queries."""
    per_level = dict(
        CompetencyTarget.objects.filter(level__isnull=False)
        .values_list("level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    own = (
        KeyPosition.objects.filter(is_active=True, competency_targets__isnull=False)
        .annotate(n=Count("competency_targets"))
        .select_related("department")
        .order_by("-level", "title")
    )
    return {
        "levels": [
            {"level": value, "label": label, "targets": per_level.get(value, 0)}
            for value, label in Level.choices
            if value >= Level.TEAM_LEAD
        ],
        "positions": list(own),
    }
