from django.contrib import admin

from sigap.regions.models import Region, RegionEdition


@admin.register(RegionEdition)
class RegionEditionAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "loaded_at"]
    readonly_fields = ["name", "title", "source", "loaded_at"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Read-only: codes change only by loading an edition (`sigap load_regions`)."""

    list_display = ["code", "name", "level", "edition", "retired_in"]
    list_filter = ["level", "retired_in"]
    search_fields = ["code", "name"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
