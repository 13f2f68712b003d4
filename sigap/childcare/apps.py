from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildcareConfig(AppConfig):
    name = "sigap.childcare"
    label = "childcare"
    verbose_name = _("Childcare")
