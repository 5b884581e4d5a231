"""The default experience catalogue (competency → experiences that grow it), loaded by a
migration and put back by ``experience_ideas_ensure`` where a database lost it."""

from candidates.models import Competency

from .models import ExperienceIdea

IDEAS = {
    "Technical expertise": [
        (
            "rotation",
            "rnd",
            "Rotation as project lead in R&D on a product area support escalates most",
        ),
        ("training", "", "Product architecture training with the R&D leads"),
    ],
    "Problem solving": [
        ("stretch", "", "Own the resolution of a major incident end to end, with a safety net"),
        ("rotation", "qa", "Rotation in QA reproducing and triaging the hardest defects"),
    ],
    "Communication": [
        ("conference", "", "Speak at or attend an industry conference and present the ideas back"),
        ("stretch", "", "Run the monthly support review with product and sales leadership"),
    ],
    "Adaptability": [
        ("rotation", "product", "Rotation in product management through a release cycle"),
        ("stretch", "", "Lead the support side of a product launch or reorganisation"),
    ],
    "Time management": [
        ("training", "", "Planning and prioritisation course"),
        ("stretch", "", "Plan and run the staffing of a peak season"),
    ],
    "Patience": [
        ("stretch", "", "Own the relationship with an escalated key account for a quarter"),
    ],
    "Empathy": [
        ("rotation", "sales", "Rotation in sales or customer success, on customer calls"),
        ("training", "", "Coaching and active listening workshop"),
    ],
    "Team management": [
        ("rotation", "rnd", "Rotation as functional manager of an R&D team"),
        ("training", "", "Executive leadership programme"),
        ("stretch", "", "Act as manager of a team while its manager is on leave"),
    ],
    "Mentorship": [
        ("stretch", "", "Mentor two new team leads through their first six months"),
        ("training", "", "Mentoring and coaching certification"),
    ],
    "Customer orientation": [
        ("conference", "", "Attend a customer-experience conference and bring back three ideas"),
        ("rotation", "sales", "Rotation in customer success on renewals at risk"),
    ],
}


def experience_ideas_ensure() -> int:
    """Add the default ideas missing for the competencies present; returns how many."""
    added = 0
    competencies = {c.name: c for c in Competency.objects.filter(name__in=IDEAS)}
    for name, ideas in IDEAS.items():
        competency = competencies.get(name)
        if competency is None:
            continue
        for kind, host, description in ideas:
            _, made = ExperienceIdea.objects.get_or_create(
                competency=competency,
                description=description,
                defaults={"kind": kind, "host_department_kind": host},
            )
            added += made
    return added
