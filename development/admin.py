from django.contrib import admin

from .models import (
    BenchmarkVisit,
    Conference,
    Rotation,
    RotationCompetencyScore,
    StretchAssignment,
    TaskForce,
    Training,
)


class RotationScoreInline(admin.TabularInline):
    model = RotationCompetencyScore
    extra = 0


@admin.register(Rotation)
class RotationAdmin(admin.ModelAdmin):
    list_display = [
        "person",
        "direction",
        "role",
        "host_department",
        "starts_on",
        "ends_on",
        "status",
    ]
    list_filter = ["direction", "role", "status", "host_department"]
    autocomplete_fields = [
        "person",
        "host_sponsor",
        "assigned_by",
        "assessed_by",
        "cancelled_by",
    ]
    inlines = [RotationScoreInline]


@admin.register(StretchAssignment)
class StretchAssignmentAdmin(admin.ModelAdmin):
    list_display = ["title", "candidate", "kind", "safety_net", "outcome", "starts_on"]
    list_filter = ["kind", "outcome"]
    autocomplete_fields = ["candidate", "safety_net", "assigned_by", "cancelled_by"]


class TaskForceInline(admin.TabularInline):
    model = TaskForce
    extra = 0
    autocomplete_fields = ["owner", "launched_by"]


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "candidate", "starts_on", "trip_report_due_on", "report_submitted_at"]
    autocomplete_fields = ["candidate", "assigned_by", "reviewed_by", "cancelled_by"]
    inlines = [TaskForceInline]


@admin.register(BenchmarkVisit)
class BenchmarkVisitAdmin(admin.ModelAdmin):
    list_display = ["company", "candidate", "visit_on", "questions_ready_on", "presented_on"]
    autocomplete_fields = ["candidate", "assigned_by", "cancelled_by"]


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["name", "candidate", "kind", "status", "starts_on"]
    list_filter = ["kind", "status"]
    autocomplete_fields = ["candidate", "commitment", "cancelled_by"]
