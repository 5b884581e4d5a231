"""The default meeting topics, loaded by a migration and put back by ``topics_ensure``."""

from .models import MeetingTopic

TOPICS = [
    "What executives do and how they act",
    "Strategy",
    "A case they handled",
    "Leading a team",
    "Working with other departments",
    "Customers and escalations",
    "Budget and business",
    "Career and aspirations",
    "Feedback on a project",
]


def topics_ensure() -> int:
    added = 0
    for order, name in enumerate(TOPICS, start=1):
        _, made = MeetingTopic.objects.get_or_create(name=name, defaults={"order": order})
        added += made
    return added
