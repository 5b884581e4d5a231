from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgreementVersion, Commitment, CommitmentTemplate, LeadershipAgreement, Signature


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["side", "category", "description", "due_on", "status", "progress_percent", "proposal"]


@admin.register(LeadershipAgreement)
class LeadershipAgreementAdmin(SimpleHistoryAdmin):
    list_display = [
        "candidate",
        "sponsor",
        "status",
        "current_version",
        "effective_on",
        "review_on",
    ]
    list_filter = ["status"]
    search_fields = ["candidate__person__full_name", "sponsor__full_name"]
    autocomplete_fields = ["candidate", "sponsor", "created_by"]
    inlines = [CommitmentInline]


class SignatureInline(admin.TabularInline):
    model = Signature
    extra = 0
    autocomplete_fields = ["signed_by"]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ["agreement", "number", "created_at", "created_by"]
    autocomplete_fields = ["agreement", "created_by"]
    inlines = [SignatureInline]


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["description", "agreement", "side", "status", "due_on", "proposal"]
    list_filter = ["side", "status", "proposal", "category"]
    search_fields = ["description"]
    autocomplete_fields = ["agreement", "proposed_by", "decided_by"]


@admin.register(CommitmentTemplate)
class CommitmentTemplateAdmin(admin.ModelAdmin):
    list_display = ["description", "side", "category", "due_after_days", "order", "is_active"]
    list_editable = ["order", "is_active"]
