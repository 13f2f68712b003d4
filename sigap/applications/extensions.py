"""The one extension point through which a service-specific app adds to requests.

`applications` knows nothing of logistics, children or cash help. A standard names its
extension in its catalogue file (`extra: {extension: "logistics"}`); the app that provides it
registers an `Extension` subclass in its `AppConfig.ready()`:

    from sigap.applications.extensions import Extension, register

    class LogisticsExtension(Extension):
        key = "logistics"
        def validate_intake(self, *, request, data): ...
        def before_action(self, *, request, step, action, data, user): ...

    register(LogisticsExtension())

The engine calls the hooks inside its own transaction: a hook that raises
`django.core.exceptions.ValidationError` refuses the action and nothing is stored.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    """A block an extension adds to the staff page of a request (a dispatch, a placement)."""

    title: str
    template_name: str
    context: dict[str, Any]


class Extension:
    key: str = ""

    def validate_intake(self, *, request, data: dict[str, Any]) -> None:
        """Checks service-specific intake data (e.g. an emergency status in force); may raise."""

    def after_intake(self, *, request, data: dict[str, Any], user) -> None:
        """Stores service-specific records once the request exists (same transaction)."""

    def before_action(self, *, request, step, action: str, data: dict[str, Any], user) -> None:
        """Runs before an action is recorded; raise ValidationError to refuse it."""

    def after_action(self, *, request, step, action: str, data: dict[str, Any], user) -> None:
        """Runs after an action is recorded (same transaction): issue a BAST, move stock..."""

    def action_form(self, *, request, step, action: str):
        """A form class with the extra fields this action needs here, or None."""
        return None

    def panels(self, *, request, http_request: HttpRequest) -> list[Panel]:
        """Blocks to show on the request's staff page."""
        return []


_registry: dict[str, Extension] = {}


def register(extension: Extension) -> None:
    if not extension.key:
        raise ValueError("An extension needs a key")
    _registry[extension.key] = extension


def extension_for(standard) -> Extension:
    """The extension a standard names, or the neutral one (every hook does nothing)."""
    key = (standard.extra or {}).get("extension", "")
    return _registry.get(key) or Extension()
