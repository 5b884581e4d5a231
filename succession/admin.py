from django.contrib import admin

from .models import FollowUp, KeyPosition, SuccessorNomination


@admin.register(KeyPosition)
class KeyPositionAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "department", "incumbent", "is_active"]
    list_filter = ["level", "department", "is_active"]
    search_fields = ["title"]
    autocomplete_fields = ["incumbent"]


@admin.register(SuccessorNomination)
class SuccessorNominationAdmin(admin.ModelAdmin):
    list_display = ["candidate", "position", "readiness", "is_active", "nominated_on"]
    list_filter = ["readiness", "is_active"]
    autocomplete_fields = ["candidate", "position", "nominated_by", "readiness_confirmed_by"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["candidate", "kind", "position", "owner", "created_at", "done_at"]
    list_filter = ["kind"]
    autocomplete_fields = ["candidate", "position", "owner", "done_by"]
