from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildcareConfig(AppConfig):
    name = "sigap.childcare"
    label = "childcare"
    verbose_name = _("Childcare")

    def ready(self) -> None:
        # A case's issued documents (the BAST) follow the case policy, not the office scope.
        try:
            from sigap.documents.access import register_subject_policy
        except ImportError:  # the documents app is optional for the case domain itself
            pass
        else:
            from sigap.childcare.access import can_open

            register_subject_policy("childcare.case", can_open)
        try:
            from sigap.applications.extensions import register
        except ImportError:
            return
        from sigap.childcare.extension import ChildcareExtension

        register(ChildcareExtension())
