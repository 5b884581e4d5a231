"""An agreement's terms as frozen in a version, and what changed between two sets of them
(for the compare page, a stale signature, and the changes waiting to be sent)."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Commitment


def version_terms(commitments: Iterable[Commitment]) -> list[dict]:
    """The frozen terms of a version, from the commitments in it: the one place they are
    built (services and the demo org alike)."""
    return [
        {
            "id": c.pk,
            "side": c.side,
            "category": c.category,
            "description": c.description,
            "due_on": c.due_on.isoformat() if c.due_on else None,
        }
        for c in commitments
    ]


def versions_compare(older: list[dict], newer: list[dict]) -> dict:
    """What changed between two sets of terms: added, removed, changed."""
    before = {t.get("id") or t["description"]: t for t in older}
    after = {t.get("id") or t["description"]: t for t in newer}
    changed = []
    for key in before.keys() & after.keys():
        fields = [
            f
            for f in ("side", "category", "description", "due_on")
            if before[key].get(f) != after[key].get(f)
        ]
        if fields:
            changed.append({"before": before[key], "after": after[key], "fields": fields})
    return {
        "added": [after[k] for k in after.keys() - before.keys()],
        "removed": [before[k] for k in before.keys() - after.keys()],
        "changed": changed,
    }


def terms_told(diff: dict) -> str:
    """A diff of ``versions_compare`` in a sentence or three; empty when nothing changed."""
    parts = [f"added “{t['description']}”" for t in diff["added"]]
    parts += [f"removed “{t['description']}”" for t in diff["removed"]]
    for change in diff["changed"]:
        before, after = change["before"], change["after"]
        what = []
        if "description" in change["fields"]:
            what.append(f"reworded to “{after['description']}”")
        if "due_on" in change["fields"]:
            what.append(f"due {before.get('due_on') or '—'} → {after.get('due_on') or '—'}")
        if "category" in change["fields"] or "side" in change["fields"]:
            what.append("moved")
        parts.append(f"“{before['description']}” {', '.join(what)}")
    return "; ".join(parts)
