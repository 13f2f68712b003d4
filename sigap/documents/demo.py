"""Demo numbering formats, following the numbers printed in the seeds.

Tarakan: 400.9.2/007/DINSOSPM/2026 (classification/sequence/letter code/year). Sragen's
standard is numbered 460/2339/09/2022, i.e. classification/sequence/month/year.
"""

from django.core.management.base import OutputWrapper

from sigap.accounts.models import Office
from sigap.documents.models import AgendaSettings

FORMATS = {
    "tarakan": ("{classification}/{seq:03d}/{letter_code}/{year}", "400.9.2"),
    "sragen": ("{classification}/{seq}/{month}/{year}", "460"),
    "banten": ("{classification}/{seq:03d}/{letter_code}/{year}", "400.9"),
    "lebak": ("{classification}/{seq:03d}/{letter_code}/{year}", "400.9"),
}


def load(*, stdout: OutputWrapper) -> None:
    created = 0
    for code, (number_format, classification) in FORMATS.items():
        office = Office.objects.filter(code=code).first()
        if office is None:
            continue
        _row, was_created = AgendaSettings.objects.get_or_create(
            office=office,
            defaults={"number_format": number_format, "default_classification": classification},
        )
        created += was_created
    stdout.write(f"documents: {created} numbering formats")
