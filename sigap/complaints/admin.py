"""Admin for the per-office complaint settings and days off (the staff pages cover the rest)."""

from django.contrib import admin

from sigap.complaints.models import ComplaintSettings, OfficeDayOff


@admin.register(ComplaintSettings)
class ComplaintSettingsAdmin(admin.ModelAdmin):
    list_display = ["office", "verify_working_days", "answer_days", "complete_working_days"]


@admin.register(OfficeDayOff)
class OfficeDayOffAdmin(admin.ModelAdmin):
    list_display = ["office", "day", "name"]
    list_filter = ["office"]
