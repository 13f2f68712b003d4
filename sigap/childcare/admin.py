"""Only the centres are in the admin. Cases, their documents and assignments are deliberately
absent: the admin would bypass the case policy and the access log (see access.py)."""

from django.contrib import admin

from sigap.childcare.models import Centre


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "office", "capacity", "is_active"]
    list_filter = ["office", "kind", "is_active"]
    search_fields = ["name", "code"]
