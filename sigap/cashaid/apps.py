from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CashaidConfig(AppConfig):
    name = "sigap.cashaid"
    label = "cashaid"
    verbose_name = _("Cashaid")
