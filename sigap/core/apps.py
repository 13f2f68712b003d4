from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_table(sender, using="default", **kwargs) -> None:
    """The database cache needs its table; `migrate` makes it so no deploy step is forgotten."""
    from django.conf import settings
    from django.core.management import call_command

    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith("DatabaseCache"):
        call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "sigap.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        import django.tasks.signals
        from django.db.models import fields
        from django.tasks.signals import task_finished, task_started

        from sigap.core import rq_liveness, task_liveness

        # The blank choice of every select: Django's "- Select an option -" has no Indonesian
        # translation yet, and a row of dashes says nothing. Django documents this override.
        fields.BLANK_CHOICE_LABEL = _("Choose one")

        post_migrate.connect(_create_cache_table, sender=self)
        # A running task holds a lock its worker's death releases (requeue_stale_tasks).
        task_started.connect(task_liveness.hold_while_running, dispatch_uid="sigap_task_lock")
        task_finished.connect(task_liveness.release_when_finished, dispatch_uid="sigap_task_lock")
        # On Redis, a heartbeat key per running task does the same (rq_liveness). django-tasks-rq
        # sends the signals of the django-tasks package, not Django's own: both are listened to.
        import django_tasks.signals

        for signals in (django.tasks.signals, django_tasks.signals):
            signals.task_started.connect(
                rq_liveness.beat_while_running, dispatch_uid="sigap_task_beat"
            )
            signals.task_finished.connect(rq_liveness.stop_beating, dispatch_uid="sigap_task_beat")
