import io

from django.core.management.base import OutputWrapper

from sigap.documents import demo
from sigap.documents.models import AgendaSettings
from sigap.documents.services import agenda_register


def test_demo_formats_are_idempotent_and_follow_the_seeds(cast, monkeypatch):
    monkeypatch.setattr(demo, "_issue_examples", lambda stdout: None)
    for code in ("banten", "lebak", "sragen", "tarakan"):
        cast.office(code)
    demo.load(stdout=OutputWrapper(io.StringIO()))
    demo.load(stdout=OutputWrapper(io.StringIO()))
    assert AgendaSettings.objects.count() == 4
    entry = agenda_register(office=cast.office("sragen"), title="Kwitansi", recipient="")
    assert entry.number == f"460/{entry.sequence}/{entry.date:%m}/{entry.year}"


def test_demo_issues_one_document_of_every_type_once(cast):
    from sigap.documents.models import IssuedDocument
    from sigap.documents.templating import file_templates

    for code in ("banten", "sragen", "tarakan"):
        cast.office(code)
    demo.load(stdout=OutputWrapper(io.StringIO()))
    demo.load(stdout=OutputWrapper(io.StringIO()))
    codes = list(IssuedDocument.objects.values_list("template_code", flat=True))
    assert sorted(codes) == sorted(file_templates())
