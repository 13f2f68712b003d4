"""Demo data: the full current edition of the region codes (83,762 villages), loaded once."""

from django.core.management.base import OutputWrapper

from sigap.regions.services import regions_load


def load(*, stdout: OutputWrapper) -> None:
    regions_load(stdout=stdout)
