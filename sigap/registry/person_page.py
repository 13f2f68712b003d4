"""What a person's registry page shows beyond the registry itself: the requests about the
person, and the panels other apps add (BPNT eligibility ...), so the registry imports none of
the service apps."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class PersonPanel:
    """A section of the person's page: `context(user, person)` returns the template's context,
    or None when the panel does not apply to this user."""

    key: str
    template: str
    context: Callable[..., dict | None]


_PANELS: dict[str, PersonPanel] = {}


def person_panel_register(panel: PersonPanel) -> None:
    """Called from an app's `AppConfig.ready()`; registering the same key again replaces it."""
    _PANELS[panel.key] = panel


def person_panels(user, person) -> list[tuple[str, dict]]:
    panels = []
    for panel in _PANELS.values():
        context = panel.context(user, person)
        if context is not None:
            panels.append((panel.template, context))
    return panels


def requests_about(user, person) -> QuerySet:
    """The requests of the user's office whose applicant is this person, newest first."""
    from sigap.applications.selectors import requests_for_user

    return (
        requests_for_user(user)
        .filter(applicant_person=person)
        .select_related("standard")
        .order_by("-created_at")
    )
