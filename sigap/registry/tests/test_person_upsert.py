"""person_upsert: creates a person once per NIK and updates the same person afterwards."""

from sigap.registry.models import Person
from sigap.registry.services import person_upsert

NIK = "3314015001900001"


def test_second_upsert_with_the_same_nik_updates_the_person(db):
    first = person_upsert(nik=NIK, name="Siti Aminah")
    second = person_upsert(nik=NIK, name="Siti Aminah", address="Jl. Raya 1")
    assert first.pk == second.pk
    assert Person.objects.count() == 1
    assert Person.objects.get().address == "Jl. Raya 1"
    assert Person.objects.get().nik == NIK
