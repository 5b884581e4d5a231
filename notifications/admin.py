from collections import defaultdict
from functools import partial

from django.contrib import admin
from django.db import transaction

from . import services, tasks
from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """HR's view of delivery: the e-mail status filter counts failed deliveries, and a
    failed one can be sent again."""

    list_display = [
        "created_at",
        "recipient",
        "kind",
        "title",
        "email_status",
        "email_attempts",
        "email_error",
        "read_at",
    ]
    list_filter = ["email_status", "kind"]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["recipient__username", "title", "item_key"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["recipient"]
    actions = ["send_again"]

    @admin.action(description="Send the selected failed e-mails again")
    def send_again(self, request, queryset):
        by_recipient: dict[int, list[int]] = defaultdict(list)
        for pk, recipient_id in queryset.filter(
            email_status=Notification.EmailStatus.FAILED
        ).values_list("pk", "recipient_id"):
            by_recipient[recipient_id].append(pk)
        count = services.notifications_resend_now(
            notification_ids=[pk for ids in by_recipient.values() for pk in ids]
        )
        for recipient_id, ids in by_recipient.items():
            transaction.on_commit(partial(tasks.notification_email_send.delay, recipient_id, ids))
        self.message_user(request, f"{count} e-mail(s) queued to be sent again.")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "delivery"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]
    exclude = ["calendar_token"]
