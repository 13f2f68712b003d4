import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from sigap.documents.models import AgendaEntry
from sigap.documents.services import (
    NUMBER_FORMAT_INVALID,
    agenda_register,
    agenda_settings_update,
    format_number,
    number_format_check,
)


def test_default_format_gives_classification_sequence_letter_code_year(cast):
    office = cast.office("tarakan")
    office.letter_code = "DINSOSPM"
    office.save()
    entry = agenda_register(
        office=office, title="Surat Keterangan", recipient="KPM", classification="400.9.2"
    )
    assert entry.number == f"400.9.2/001/DINSOSPM/{timezone.localdate().year}"


def test_office_format_with_roman_month(cast):
    office = cast.office("sragen")
    agenda_settings_update(
        office=office,
        number_format="{classification}/{seq}/{letter_code}/{month_roman}/{year}",
        default_classification="460",
        letter_code="BID-LINSOS",
    )
    entry = agenda_register(office=office, title="Kwitansi", recipient="")
    assert entry.number == format_number(
        "{classification}/{seq}/{letter_code}/{month_roman}/{year}",
        seq=1,
        classification="460",
        letter_code="BID-LINSOS",
        date=timezone.localdate(),
    )
    august = format_number(
        "{seq}/{month_roman}",
        seq=7,
        classification="",
        letter_code="",
        date=datetime.date(2026, 8, 1),
    )
    assert august == "7/VIII"


def test_sequences_run_per_office(cast):
    tarakan, sragen = cast.office("tarakan"), cast.office("sragen")
    numbers = [
        agenda_register(office=office, title="Surat", recipient="").sequence
        for office in (tarakan, tarakan, sragen, tarakan, sragen)
    ]
    assert numbers == [1, 2, 1, 3, 2]


def test_sequence_restarts_each_year(cast, monkeypatch):
    office = cast.office("tarakan")
    agenda_register(office=office, title="Surat", recipient="")
    agenda_register(office=office, title="Surat", recipient="")
    next_year = timezone.localdate().replace(month=1, day=2) + datetime.timedelta(days=366)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: next_year)
    entry = agenda_register(office=office, title="Surat", recipient="")
    assert (entry.year, entry.sequence) == (next_year.year, 1)
    assert entry.number.endswith(f"/{next_year.year}")


@pytest.mark.parametrize(
    "fmt",
    ["{classification}/{letter_code}", "{seq.__class__}", "{seq[0]}", "{name}/{seq}", "{seq"],
)
def test_unsafe_or_incomplete_formats_are_refused(fmt):
    with pytest.raises(ValidationError) as exc:
        number_format_check(fmt)
    assert exc.value.messages == [str(NUMBER_FORMAT_INVALID)]


def test_title_is_required(cast):
    with pytest.raises(ValidationError):
        agenda_register(office=cast.office("tarakan"), title="  ", recipient="")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_get_distinct_numbers_without_gaps(cast):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    office = cast.office("tarakan")
    workers, per_worker = 8, 5
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            for _ in range(per_worker):
                agenda_register(office=office, title="Surat", recipient="")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = sorted(AgendaEntry.objects.filter(office=office).values_list("sequence", flat=True))
    assert sequences == list(range(1, workers * per_worker + 1))
