"""Reads for notifications."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery

from common.actor import Actor

from .models import Notification


def notifications_for(*, actor: Actor) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=actor.user).order_by(
        "read_at", "-created_at", "-pk"
    )


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
