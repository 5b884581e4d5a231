"""The default competency model (docs/product.md), loaded by a migration and put back by
``competencies_ensure`` where a database lost it (a flushed test database, the demo)."""

from .models import Competency

COMPETENCIES = [
    (
        "Technical expertise",
        "Knows the product and its stack deeply enough to be trusted on hard cases.",
    ),
    ("Problem solving", "Breaks down unclear problems and drives them to a resolution."),
    ("Communication", "Clear, timely and adapted to the audience, in writing and aloud."),
    ("Adaptability", "Stays effective when priorities, products or teams change."),
    ("Time management", "Plans, prioritises and delivers on commitments."),
    ("Patience", "Keeps calm and constructive under pressure."),
    ("Empathy", "Understands customers' and colleagues' situations and acts on it."),
    ("Team management", "Builds, leads and grows a team."),
    ("Mentorship", "Develops others by coaching and example."),
    ("Customer orientation", "Decides with the customer's outcome in mind."),
]


def competencies_ensure() -> int:
    """Add the default competencies that are missing; returns how many were added."""
    added = 0
    for order, (name, description) in enumerate(COMPETENCIES, start=1):
        _, made = Competency.objects.get_or_create(
            name=name, defaults={"description": description, "order": order}
        )
        added += made
    return added
