from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from sigap.accounts.models import Office, Position, RoleAssignment, Unit, User
from sigap.identity.fields import nip_formfield


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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The NIP goes on every letter the user signs: validated, kept whole when typed spaced.
        if db_field.name == "nip":
            return nip_formfield(db_field)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "region_code", "parent"]
    inlines = [UnitInline]


admin.site.register(Position)
