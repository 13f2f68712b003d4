# ruff: noqa: S608 - table and column names come from the constants below; values are parameters.
"""Undoing a committed import, set-based: restore from its ImportChange rows, delete what it made.

A handful of statements whatever the batch's size (the ORM way, one UPDATE per changed row and
a delete collecting every created row in Python, took minutes on 10^5 rows).

Foreign keys: deleting 10^6 persons fires one check per person for each of the nine foreign
keys that point at a person (requests, BPNT tickets, cases ...): ~110 us a person, two minutes
for a province's first load. Where the database role may set `session_replication_role`
(a superuser, or PostgreSQL 15's `GRANT SET ON PARAMETER session_replication_role TO <role>`),
those per-row checks are skipped inside the undo's transaction and replaced by one anti-join
per foreign key over the deleted ids, run after the deletes: a row that points at a deleted
person refuses the undo exactly as the trigger would have (StillReferenced). Another session's
concurrent insert still runs its own checks, and waits on our deleted rows until we commit.
Without that privilege the triggers do the checking, correct but slower.
"""

import json
import time

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


DOOMED = {PERSON: "registry_undo_persons", FAMILY: "registry_undo_families"}


def _delete_created(cursor, batch_id: int, step) -> None:
    step("delete_memberships", 30)
    cursor.execute(f"DELETE FROM {MEMBERSHIP} WHERE created_by_import_id = %s", [batch_id])
    step("delete_persons", 45)
    temp = "CREATE TEMP TABLE"
    for table in DOOMED.values():
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
    # A person the batch created but who is now on another list stays (so does their family).
    cursor.execute(
        f"{temp} {DOOMED[PERSON]} AS SELECT id FROM {PERSON} WHERE created_by_import_id = %s "
        f"AND NOT EXISTS (SELECT 1 FROM {MEMBERSHIP} m WHERE m.person_id = {PERSON}.id)",
        [batch_id],
    )
    cursor.execute(f"DELETE FROM {PERSON} WHERE id IN (SELECT id FROM {DOOMED[PERSON]})")
    step("delete_families", 75)
    cursor.execute(
        f"{temp} {DOOMED[FAMILY]} AS SELECT id FROM {FAMILY} WHERE created_by_import_id = %s "
        f"AND NOT EXISTS (SELECT 1 FROM {PERSON} p WHERE p.family_id = {FAMILY}.id)",
        [batch_id],
    )
    cursor.execute(f"DELETE FROM {FAMILY} WHERE id IN (SELECT id FROM {DOOMED[FAMILY]})")


def may_skip_triggers(cursor) -> bool:
    """Whether this role may turn the per-row foreign key triggers off (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return False
    cursor.execute(
        "SELECT rolsuper OR has_parameter_privilege(current_user, "
        "'session_replication_role', 'SET') FROM pg_roles WHERE rolname = current_user"
    )
    row = cursor.fetchone()
    return bool(row and row[0])


def _dangling(cursor, batch_id: int) -> bool:
    """One anti-join per foreign key: does any row point at a deleted person or family, or
    does a restored person point at a family that is gone?"""
    cursor.execute(
        "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text "
        "FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
        "AND a.attnum = c.conkey[1] WHERE c.contype = 'f' "
        "AND c.confrelid = ANY(%s::regclass[])",
        [list(DOOMED)],
    )
    for table, column, target in cursor.fetchall():
        doomed = DOOMED[target]
        cursor.execute(
            f'SELECT EXISTS (SELECT 1 FROM {table} r JOIN {doomed} d ON r."{column}" = d.id)'
        )
        if cursor.fetchone()[0]:
            return True
    cursor.execute(
        f"SELECT EXISTS (SELECT 1 FROM {CHANGE} c JOIN {PERSON} p ON p.id = c.person_id "
        f"WHERE c.batch_id = %s AND p.family_id IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {FAMILY} f WHERE f.id = p.family_id))",
        [batch_id],
    )
    return bool(cursor.fetchone()[0])


def undo_batch(
    batch_id: int, *, on_step=None, skip_triggers: bool | None = None
) -> dict[str, float]:
    """Restores what the batch changed and deletes what it created, or raises StillReferenced
    (and changes nothing) when another table points at a row it would delete.

    `on_step(name, percent)` is called before each statement (progress; it may raise to
    cancel, which rolls everything back). `skip_triggers` forces the way foreign keys are
    checked (None: the set-based way where the role may). Returns the seconds of each step."""
    timings: dict[str, float] = {}
    clock = {"name": "", "tick": time.perf_counter()}

    def step(name: str, percent: int) -> None:
        now = time.perf_counter()
        if clock["name"]:
            timings[clock["name"]] = round(now - clock["tick"], 3)
        clock.update(name=name, tick=now)
        if on_step and name:  # not after the commit: too late to cancel
            on_step(name, percent)

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            fast = may_skip_triggers(cursor) if skip_triggers is None else skip_triggers
            fast = fast and connection.vendor == "postgresql"
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL work_mem = '256MB'")
                cursor.execute("SET LOCAL synchronous_commit = off")
                if fast:
                    cursor.execute("SET LOCAL session_replication_role = replica")
            step("restore", 5)
            _restore(cursor, batch_id)
            _delete_created(cursor, batch_id, step)
            step("check", 90)
            if fast:
                cursor.execute("SET LOCAL session_replication_role = origin")
                if _dangling(cursor, batch_id):
                    raise IntegrityError("a deleted row is still referenced")
            # Foreign keys are checked at commit; check them now, while we can still say why.
            connection.check_constraints()
            for table in DOOMED.values():
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
            step("commit", 99)
    except IntegrityError as exc:
        raise StillReferenced from exc
    step("", 100)
    return timings
