from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogisticsConfig(AppConfig):
    name = "sigap.logistics"
    label = "logistics"
    verbose_name = _("Logistics")

    def ready(self) -> None:
        from sigap.applications.extensions import register
        from sigap.logistics.extension import LogisticsExtension

        register(LogisticsExtension())
