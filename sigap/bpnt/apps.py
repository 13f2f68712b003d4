from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BpntConfig(AppConfig):
    name = "sigap.bpnt"
    label = "bpnt"
    verbose_name = _("Bpnt")

    def ready(self) -> None:
        from sigap.bpnt.person_panel import PANEL
        from sigap.registry.person_page import person_panel_register

        person_panel_register(PANEL)
