"""Finds each app's `privacy.py` by name and asks it what it holds about a subject."""

from functools import cache
from importlib import import_module
from types import ModuleType

from django.conf import settings

from sigap.privacy.sections import Section, Subject


@cache
def privacy_modules() -> tuple[ModuleType, ...]:
    """The apps' `privacy.py` modules in SIGAP_APPS order (an app without one is skipped)."""
    modules = []
    for app in settings.SIGAP_APPS:
        try:
            modules.append(import_module(f"{app}.privacy"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.privacy":
                raise
    return tuple(modules)


def identify(subject: Subject, *, office, user) -> Subject:
    """Lets each app, in order, add the persons and references it links to the subject."""
    for module in privacy_modules():
        hook = getattr(module, "identify", None)
        if hook is not None:
            subject = hook(subject, office=office, user=user)
    return subject


def collect(subject: Subject, *, office, user) -> list[Section]:
    """Every app's sections about the identified subject, in SIGAP_APPS order."""
    sections: list[Section] = []
    for module in privacy_modules():
        hook = getattr(module, "subject_data", None)
        if hook is not None:
            sections.extend(hook(subject=subject, office=office, user=user))
    return sections
