# ruff: noqa: S608 - table and column names come from the constants below; values are parameters.
"""Undoing a committed import, set-based: restore from its ImportChange rows, delete what it made.

A handful of statements whatever the batch's size (the ORM way, one UPDATE per changed row and
a delete collecting every created row in Python, took minutes on 10^5 rows).
"""

import json

from django.db import IntegrityError, connection, transaction

PERSON = "registry_person"
FAMILY = "registry_family"
MEMBERSHIP = "registry_programmemembership"
CHANGE = "registry_importchange"
# Columns an import may have changed, and their SQL types (keys of ImportChange.before).
PERSON_COLUMNS = {
    "name": "varchar",
    "sex": "varchar",
    "birth_date": "date",
    "birth_place": "varchar",
    "address": "varchar",
    "village_code": "varchar",
    "family_id": "bigint",
}
MEMBERSHIP_COLUMNS = {
    "status": "varchar",
    "period": "varchar",
    "kks_number": "varchar",
    "channel": "varchar",
    "bank": "varchar",
    "dtks_date": "date",
    "sp2d_listed": "boolean",
    "dtks_listed": "boolean",
    "amount": "bigint",
    "desil": "smallint",
}


class StillReferenced(Exception):
    """A row the import created is used elsewhere (a request, a case): it cannot be deleted."""


def _value(key: str, sql_type: str) -> str:
    """The `before` value of `key` in ImportChange `c`, as `sql_type`."""
    if connection.vendor == "postgresql":
        return f"CAST(c.before ->> '{key}' AS {sql_type})"
    return f"json_extract(c.before, '$.\"{key}\"')"


def _keys(cursor, batch_id: int) -> set[str]:
    cursor.execute(f"SELECT before FROM {CHANGE} WHERE batch_id = %s LIMIT 1", [batch_id])
    row = cursor.fetchone()
    if row is None:
        return set()
    return set(json.loads(row[0]) if isinstance(row[0], str | bytes) else row[0])


def _restore(cursor, batch_id: int) -> None:
    keys = _keys(cursor, batch_id)
    person = [c for c in PERSON_COLUMNS if c in keys]
    if person:
        sets = ", ".join(f"{c} = {_value(c, PERSON_COLUMNS[c])}" for c in person)
        cursor.execute(
            f"UPDATE {PERSON} AS p SET {sets} FROM {CHANGE} c "
            f"WHERE c.batch_id = %s AND p.id = c.person_id",
            [batch_id],
        )
    membership = [c for c in MEMBERSHIP_COLUMNS if f"membership.{c}" in keys]
    if membership and "membership.id" in keys:
        sets = ", ".join(
            f"{c} = {_value(f'membership.{c}', MEMBERSHIP_COLUMNS[c])}" for c in membership
        )
        cursor.execute(
            f"UPDATE {MEMBERSHIP} AS m SET {sets} FROM {CHANGE} c "
            f"WHERE c.batch_id = %s AND m.id = {_value('membership.id', 'bigint')}",
            [batch_id],
        )


def _delete_created(cursor, batch_id: int, step) -> None:
    step("delete_memberships", 30)
    cursor.execute(f"DELETE FROM {MEMBERSHIP} WHERE created_by_import_id = %s", [batch_id])
    step("delete_persons", 45)
    # A person the batch created but who is now on another list stays (so does their family).
    cursor.execute(
        f"DELETE FROM {PERSON} WHERE created_by_import_id = %s AND NOT EXISTS "
        f"(SELECT 1 FROM {MEMBERSHIP} m WHERE m.person_id = {PERSON}.id)",
        [batch_id],
    )
    step("delete_families", 75)
    cursor.execute(
        f"DELETE FROM {FAMILY} WHERE created_by_import_id = %s AND NOT EXISTS "
        f"(SELECT 1 FROM {PERSON} p WHERE p.family_id = {FAMILY}.id)",
        [batch_id],
    )


def undo_batch(batch_id: int, *, on_step=None) -> None:
    """Restores what the batch changed and deletes what it created, or raises StillReferenced
    (and changes nothing) when another table points at a row it would delete.

    `on_step(name, percent)` is called before each statement (progress; it may raise to
    cancel, which rolls everything back)."""
    step = on_step or (lambda name, percent: None)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL work_mem = '256MB'")
                cursor.execute("SET LOCAL synchronous_commit = off")
            step("restore", 5)
            _restore(cursor, batch_id)
            _delete_created(cursor, batch_id, step)
            # Foreign keys are checked at commit; check them now, while we can still say why.
            step("check", 90)
            connection.check_constraints()
    except IntegrityError as exc:
        raise StillReferenced from exc
