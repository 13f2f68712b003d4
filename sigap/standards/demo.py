"""Demo data of the standards app: the five seed standards from the catalogue files."""

from django.core.management.base import OutputWrapper

from sigap.standards.services import standard_load_catalogue


def load(*, stdout: OutputWrapper) -> None:
    standards = standard_load_catalogue()
    stdout.write(f"Service standards ready: {', '.join(s.code for s in standards)}.")
