from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BpntConfig(AppConfig):
    name = "sigap.bpnt"
    label = "bpnt"
    verbose_name = _("Bpnt")
