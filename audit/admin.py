from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: an audit trail nobody can add to, edit or trim by hand (the retention
    task is the only deletion)."""

    list_display = ("at", "viewer_name", "what", "subject_name", "label", "ip_address")
    list_filter = ("what",)
    search_fields = ("viewer_name", "subject_name", "label", "path")
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
