from django.contrib import admin

from .models import (
    Candidate,
    CandidateEvent,
    Competency,
    CompetencyRating,
    Department,
    Person,
    TalentRating,
)
from .services import person_save


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "title", "level", "department", "manager", "is_active"]
    list_filter = ["level", "department", "is_active"]
    search_fields = ["full_name", "email", "title"]
    autocomplete_fields = ["user", "manager"]
    readonly_fields = ["reporting_path"]
    list_select_related = ["department", "manager"]

    def save_model(self, request, obj, form, change):
        person_save(person=obj)  # keeps the reporting paths below them true


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]


class TalentRatingInline(admin.TabularInline):
    model = TalentRating
    extra = 0
    autocomplete_fields = ["rated_by"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["person", "status", "performance", "potential", "flight_risk", "nominated_on"]
    list_filter = ["status", "flight_risk", "performance", "potential"]
    search_fields = ["person__full_name", "person__email"]
    autocomplete_fields = ["person", "nominated_by"]
    list_select_related = ["person"]
    inlines = [TalentRatingInline]


@admin.register(CompetencyRating)
class CompetencyRatingAdmin(admin.ModelAdmin):
    list_display = ["candidate", "competency", "score", "rated_by", "rated_on"]
    list_filter = ["competency"]
    autocomplete_fields = ["candidate", "rated_by"]


@admin.register(CandidateEvent)
class CandidateEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "candidate", "kind", "summary", "confidential"]
    list_filter = ["kind", "confidential"]
    autocomplete_fields = ["candidate", "actor"]
