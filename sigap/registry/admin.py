"""Admin of the registry's settings: each office's rule for rows outside its area."""

from django.contrib import admin

from sigap.registry.models import ImportPolicy


@admin.register(ImportPolicy)
class ImportPolicyAdmin(admin.ModelAdmin):
    list_display = ("office", "out_of_area")
    list_select_related = ("office",)
