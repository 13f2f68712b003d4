from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from sigap.accounts.models import Office, Position, RoleAssignment, Unit, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "nip", "office", "is_active"]
    list_filter = ["office", "is_active", "role_assignments__role"]
    search_fields = ["username", "full_name", "nip"]
    inlines = [RoleInline]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Office"), {"fields": ("full_name", "nip", "rank", "office", "unit", "position")}),
    )


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "region_code", "parent"]
    inlines = [UnitInline]


admin.site.register(Position)
