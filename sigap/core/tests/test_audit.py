"""The audit trail records changes to business records, masking identity numbers."""

from auditlog.models import LogEntry

from sigap.registry.services import person_upsert


def test_changes_are_recorded_with_the_nik_masked(db):
    person = person_upsert(nik="3314015001900001", name="Siti Aminah")
    entry = LogEntry.objects.get_for_object(person).get()
    assert entry.action == LogEntry.Action.CREATE
    assert "3314015001900001" not in str(entry.changes)
