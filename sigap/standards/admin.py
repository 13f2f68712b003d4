"""Staff admin of the service standards: a revision with its requirements, steps and products.

The catalogue files stay the source: a change made here is overwritten by the next load of the
same revision, so lasting changes go into a new revision of the file.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sigap.identity.fields import nip_formfield
from sigap.standards.models import ProcedureStep, Product, Requirement, ServiceStandard


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    fields = (
        "order",
        "code",
        "label",
        "kind",
        "mandatory",
        "product_codes",
        "options",
        "help_text",
    )


class ProcedureStepInline(admin.TabularInline):
    model = ProcedureStep
    extra = 0
    fields = ("order", "code", "label", "role", "actions")


class ProductInline(admin.TabularInline):
    model = Product
    extra = 0
    fields = ("order", "code", "label", "kind", "template_code")


@admin.register(ServiceStandard)
class ServiceStandardAdmin(admin.ModelAdmin):
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The signer's NIP is printed on the standard's PDF: validated, kept whole when spaced.
        if db_field.name == "signer_nip":
            return nip_formfield(db_field)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    list_display = (
        "name",
        "code",
        "office",
        "revision",
        "effective_date",
        "is_published",
        "public_intake",
    )
    list_filter = ("office", "is_published", "public_intake", "time_limit_kind")
    search_fields = ("name", "code", "document_number")
    list_select_related = ("office",)
    readonly_fields = ("catalogue_file", "created_at", "updated_at")
    inlines = (RequirementInline, ProcedureStepInline, ProductInline)
    fieldsets = (
        (None, {"fields": ("office", "unit", "code", "name", "summary", "is_published")}),
        (
            _("Document"),
            {
                "fields": (
                    "document_label",
                    "document_number",
                    "revision",
                    "revision_date",
                    "effective_date",
                    "field",
                    "unit_name",
                    "catalogue_file",
                )
            },
        ),
        (
            _("Signer"),
            {"fields": ("signer_title", "signer_name", "signer_rank", "signer_nip")},
        ),
        (
            _("Service"),
            {
                "fields": (
                    "time_limit_kind",
                    "time_limit_value",
                    "time_limit_text",
                    "fee_amount",
                    "fee_text",
                    "applicant_kinds",
                    "public_intake",
                )
            },
        ),
        (_("Components"), {"fields": ("components", "extra")}),
        (None, {"fields": ("created_at", "updated_at")}),
    )
