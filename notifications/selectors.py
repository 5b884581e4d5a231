"""Reads for notifications."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery

from .models import Notification


def notifications_for(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("read_at", "-created_at", "-pk")


_UNREAD_CACHE = "_supportlead_unread"


def unread_notifications(user_ref: str = "user_id"):
    """The unread count of a user (at ``user_ref``) as a column."""
    return Subquery(
        Notification.objects.filter(recipient=OuterRef(user_ref), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def unread_count_remember(user, count: int | None) -> None:
    setattr(user, _UNREAD_CACHE, count or 0)


def unread_count(*, user) -> int:
    """The navigation's unread count (read with the viewer at the start of a request)."""
    cached = getattr(user, _UNREAD_CACHE, None)
    if cached is not None:
        return cached
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
