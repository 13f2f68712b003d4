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

Order at submission (`services.request_submit`): `intake_form` cleans `extension_data` ->
`validate_intake` -> the request is submitted -> `after_intake` -> `after_status_change`.
Order of an action (`workflow.request_act`): `action_form` cleans the extra fields ->
`before_action` -> the engine's own handling (check, decide, register issues the letter with
`document_context`) -> `after_action` -> the request moves on -> `after_status_change`.
`intake_warnings`, `nik_warnings`, `intake_blocks` and `panels` only read (shown to the officer):
`nik_warnings` at the applicant step (HTMX, as the NIK is typed), `intake_blocks` on the check
page, which then offers no submit button (`validate_intake` still refuses at submission).
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

    def intake_form(self, *, standard):
        """A form class with the service-specific intake fields (police letter...), or None.

        The engine validates `extension_data` with it (UI and API alike) and passes the
        cleaned data to `validate_intake` and `after_intake` as `data`.
        """
        return None

    def intake_warnings(self, *, standard, office, person, data: dict[str, Any]) -> list[str]:
        """Warnings (not blocks) to show the officer before submitting (e.g. earlier help)."""
        return []

    def uploads_at_intake(self, *, standard) -> bool:
        """True when the mandatory documents must be uploaded at intake (not checked on paper
        later): the requirements page then marks them required."""
        return False

    def nik_warnings(self, *, standard, office, nik: str) -> list[str]:
        """Said at once when the officer types a valid NIK (e.g. help already given)."""
        return []

    def intake_blocks(self, *, request, data: dict[str, Any]) -> list[str]:
        """Reasons known before submitting that `validate_intake` will refuse the request."""
        return []

    def validate_intake(self, *, request, data: dict[str, Any]) -> None:
        """Checks service-specific intake data (e.g. an emergency status in force); may raise.

        Called once the request and its uploads exist (same transaction), before submission.
        """

    def after_intake(self, *, request, data: dict[str, Any], user) -> None:
        """Stores service-specific records once the request exists (same transaction)."""

    def before_action(self, *, request, step, action: str, data: dict[str, Any], user) -> None:
        """Runs before an action is recorded; raise ValidationError to refuse it."""

    def after_action(self, *, request, step, action: str, data: dict[str, Any], user) -> None:
        """Runs after an action is recorded (same transaction): issue a BAST, move stock..."""

    def after_status_change(self, *, request, from_status: str, to_status: str, user) -> None:
        """Runs when a request changes status (same transaction): release a reservation..."""

    def document_context(self, *, request, template_code: str, context: dict[str, Any]) -> dict:
        """Adds to the context of a document the engine issues for this request."""
        return context

    def action_form(self, *, request, step, action: str):
        """A form class with the extra fields this action needs here, or None."""
        return None

    def may_open_files(self, *, request, user) -> bool:
        """May `user` download this request's uploaded files? (A child's case narrows it.)"""
        return True

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
