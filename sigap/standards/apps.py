"""Service standards (Standar Pelayanan) as versioned data, catalogue files and public pages."""

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def load_catalogue_after_migrate(sender, *, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """The catalogue files are the source of the standards: every `migrate` loads them."""
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.core.management import CommandError
    from django.db import connections

    from sigap.standards.models import ServiceStandard
    from sigap.standards.services import standard_load_catalogue

    if not getattr(settings, "SIGAP_STANDARDS_LOAD_ON_MIGRATE", True) or using != DEFAULT_DB_ALIAS:
        return
    # `migrate` to an earlier state (or of another app only) may leave the tables missing.
    if ServiceStandard._meta.db_table not in connections[using].introspection.table_names():
        return
    try:
        standard_load_catalogue()
    except ValidationError as exc:
        # `migrate` prints a CommandError as one clean message naming the file and key.
        raise CommandError("\n".join(exc.messages)) from exc


class StandardsConfig(AppConfig):
    name = "sigap.standards"
    label = "standards"
    verbose_name = _("Service standards")

    def ready(self) -> None:
        post_migrate.connect(
            load_catalogue_after_migrate, sender=self, dispatch_uid="standards_load_catalogue"
        )
