import io

from django.core.management.base import OutputWrapper

from sigap.documents import demo
from sigap.documents.models import AgendaSettings
from sigap.documents.services import agenda_register


def test_demo_formats_are_idempotent_and_follow_the_seeds(cast):
    for code in ("banten", "lebak", "sragen", "tarakan"):
        cast.office(code)
    demo.load(stdout=OutputWrapper(io.StringIO()))
    demo.load(stdout=OutputWrapper(io.StringIO()))
    assert AgendaSettings.objects.count() == 4
    entry = agenda_register(office=cast.office("sragen"), title="Kwitansi", recipient="")
    assert entry.number == f"460/1/{entry.date:%m}/{entry.year}"
