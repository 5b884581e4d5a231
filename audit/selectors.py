import datetime as dt

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from .models import AuditEvent


def recent_viewers(*, person_id: int, days: int = 90) -> QuerySet:
    """Who was shown this person's data in the last ``days``: one row per viewer with
    how many times and when last, most recent first (one grouped query)."""
    since = timezone.now() - dt.timedelta(days=days)
    return (
        AuditEvent.objects.filter(subject_person_id=person_id, at__gte=since)
        .values("viewer_id", "viewer_name")
        .annotate(times=Count("pk"), last_at=Max("at"))
        .order_by("-last_at")
    )
