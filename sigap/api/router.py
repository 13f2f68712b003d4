"""The REST API at /api/v1/: one NinjaAPI assembling the `router` of each app's `api.py`."""

from importlib import import_module

from django.conf import settings
from ninja import NinjaAPI

from sigap.api.errors import install_error_handlers
from sigap.core.input_guard import GuardedParser

api = NinjaAPI(
    title="Sigap API",
    version="1",
    description="Service standards, requests, documents, complaints and surveys of a Dinas Sosial.",
    urls_namespace="api",
    auth=None,
    # Refuses NUL bytes and broken text in bodies and query strings (a 500 on PostgreSQL).
    parser=GuardedParser(),
)
install_error_handlers(api)

for _app in settings.SIGAP_APPS:
    try:
        module = import_module(f"{_app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"{_app}.api":
            raise
        continue
    router = getattr(module, "router", None)
    if router is not None:
        api.add_router("", router)
