"""Only the centres are in the admin. Cases, their documents and assignments are deliberately
absent: the admin would bypass the case policy and the access log (see access.py)."""

from django.contrib import admin

from sigap.childcare.models import Centre
from sigap.identity.fields import nip_formfield


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "office", "capacity", "is_active"]
    list_filter = ["office", "kind", "is_active"]
    search_fields = ["name", "code"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The head's NIP is printed on the placement BAST: validated, kept whole when spaced.
        if db_field.name == "head_nip":
            return nip_formfield(db_field)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
