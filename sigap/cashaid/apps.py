"""Cash help for stranded travellers (seed 002), plugged into requests as an extension."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CashaidConfig(AppConfig):
    name = "sigap.cashaid"
    label = "cashaid"
    verbose_name = _("Cash help (kehabisan bekal)")

    def ready(self) -> None:
        from sigap.applications.extensions import register
        from sigap.cashaid.extension import CashAidExtension

        register(CashAidExtension())
