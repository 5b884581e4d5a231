"""The typical commitments a new agreement starts from, loaded by a migration and put
back by ``commitment_templates_ensure``."""

from .models import CommitmentTemplate

TEMPLATES = [
    ("company", "training", "Enrol you in an executive programme and pay for it.", 365),
    (
        "company",
        "conference",
        "Fund one industry conference a year; you bring back a trip report.",
        180,
    ),
    ("company", "rotation", "Arrange a management rotation in another department.", 270),
    ("company", "mentor", "Pair you with an executive mentor who meets you every two weeks.", 30),
    ("candidate", "classes", "Take business classes at night school.", 365),
    (
        "candidate",
        "conference",
        "Write a trip report with ideas we could use, within two weeks.",
        200,
    ),
    (
        "candidate",
        "rotation",
        "Deliver the rotation's project on time and present what you learned.",
        300,
    ),
    ("candidate", "other", "Lead one cross-department improvement from idea to rollout.", 365),
]


def commitment_templates_ensure() -> int:
    added = 0
    for order, (side, category, description, days) in enumerate(TEMPLATES, start=1):
        _, made = CommitmentTemplate.objects.get_or_create(
            side=side,
            description=description,
            defaults={"category": category, "due_after_days": days, "order": order},
        )
        added += made
    return added
