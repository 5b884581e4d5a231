from django.contrib import admin

from .models import (
    ActionItem,
    Meeting,
    MeetingTopic,
    MentorPairing,
)


@admin.register(MentorPairing)
class MentorPairingAdmin(admin.ModelAdmin):
    list_display = ["candidate", "mentor", "status", "cadence_days", "last_met_on", "starts_on"]
    list_filter = ["status", "format"]
    search_fields = ["candidate__person__full_name", "mentor__full_name"]
    autocomplete_fields = ["candidate", "mentor", "created_by"]


@admin.register(MeetingTopic)
class MeetingTopicAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    autocomplete_fields = ["owner"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["pairing", "held_on", "duration_minutes", "format", "next_meeting_on"]
    list_filter = ["format"]
    autocomplete_fields = ["pairing", "author"]
    inlines = [ActionItemInline]
