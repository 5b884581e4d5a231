from django.contrib import admin

from .models import FollowUp, KeyPosition, MustHave, SuccessorNomination


@admin.register(KeyPosition)
class KeyPositionAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "department", "incumbent", "is_active"]
    list_filter = ["level", "department", "is_active"]
    search_fields = ["title"]
    autocomplete_fields = ["incumbent", "owner", "acting_cover"]


@admin.register(SuccessorNomination)
class SuccessorNominationAdmin(admin.ModelAdmin):
    list_display = ["candidate", "position", "readiness", "is_active", "nominated_on"]
    list_filter = ["readiness", "is_active"]
    autocomplete_fields = [
        "candidate",
        "position",
        "nominated_by",
        "readiness_confirmed_by",
        "override_by",
    ]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["candidate", "kind", "position", "owner", "created_at", "done_at"]
    list_filter = ["kind"]
    autocomplete_fields = ["candidate", "position", "owner", "done_by"]


@admin.register(MustHave)
class MustHaveAdmin(admin.ModelAdmin):
    list_display = ["position", "behaviour", "within_months"]
    search_fields = ["behaviour", "position__title"]
    autocomplete_fields = ["position", "created_by"]
