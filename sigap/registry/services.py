"""Writes to the registry. Other apps create or update persons only through these functions."""

from django.db import transaction

from sigap.registry.models import Person


@transaction.atomic
def person_upsert(*, nik: str | None, name: str, **fields) -> Person:
    """Creates a person, or updates the one with this NIK; the NIK is validated first.

    A person without a NIK (a child who has none) is always created anew.
    """
    from sigap.identity import validate_nik

    if nik:
        nik = validate_nik(nik).nik
        person, created = Person.objects.select_for_update().get_or_create(
            nik=nik, defaults={"name": name, **fields}
        )
        if not created:
            changed = {k: v for k, v in {"name": name, **fields}.items() if v not in ("", None)}
            for key, value in changed.items():
                setattr(person, key, value)
            person.full_clean()
            person.save()
        return person
    person = Person(nik=None, name=name, **fields)
    person.full_clean()
    person.save()
    return person
