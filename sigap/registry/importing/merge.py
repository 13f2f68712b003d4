# ruff: noqa: S608 - table and column names are constants; every value is a parameter.
"""The set-based merge of a staged batch into the registry: a handful of SQL statements.

Idempotent: rows already identical change nothing, inserts skip existing keys (ON CONFLICT DO
NOTHING), so merging a batch twice, or after a crash mid-merge, never duplicates anything.
The same SQL runs on PostgreSQL and SQLite (>= 3.33, for UPDATE ... FROM); only the spelling of
"is distinct from" and of JSON objects differs.
"""

import time
from dataclasses import dataclass

from django.db import OperationalError, connection, transaction
from django.utils import timezone

from sigap.registry.importing import bulk
from sigap.registry.importing.lock import NAMESPACE
from sigap.registry.importing.staging import table_name

PERSON = "registry_person"
FAMILY = "registry_family"
MEMBERSHIP = "registry_programmemembership"
CHANGE = "registry_importchange"
BULK_MIN_ROWS = 50_000
# Bulk mode (bulk.py) only when the batch is at least this many times the registry: rebuilding
# costs a pass over every row already there, so it pays on a first load and loses on an update
# (10^6 rows into 989,999: 36.8 s rebuilding, 22.7 s with the indexes kept).
BULK_RATIO = 4


@dataclass(frozen=True)
class MergePlan:
    batch_id: int
    office_id: int
    fields: frozenset[str]  # canonical fields present in the file
    programme: str = ""
    year: int | None = None
    sp2d_listed: bool = False
    dtks_listed: bool = False


@dataclass
class MergeCounts:
    new: int
    changed: int
    unchanged: int


def _person_columns(plan: MergePlan) -> list[str]:
    """Person columns the file can set (sex and birth date also come from the NIK)."""
    optional = ("birth_place", "address", "village_code")
    return ["name", "sex", "birth_date", *(c for c in optional if c in plan.fields)]


def _membership_values(plan: MergePlan) -> dict[str, str]:
    """Membership column -> SQL expression over the staged row `s` (or a constant)."""
    values = {"status": "'active'"}
    for field, columns in (
        ("period", ("period",)),
        ("kks_number", ("kks_number",)),
        ("bank", ("channel", "bank")),
        ("dtks_date", ("dtks_date",)),
        ("amount", ("amount",)),
        ("desil", ("desil",)),
    ):
        if field in plan.fields:
            values.update({column: f"s.{column}" for column in columns})
    if plan.sp2d_listed:
        values["sp2d_listed"] = "TRUE"
    if plan.dtks_listed:
        values["dtks_listed"] = "TRUE"
    return values


class Merger:
    def __init__(self, plan: MergePlan, *, on_step=None) -> None:
        self.plan = plan
        # Called with each step's name before it runs (progress, and the clerk's cancel).
        self.on_step = on_step or (lambda name: None)
        self.bulk_reason = ""  # why bulk mode was (or was not) taken, for the timings
        self.stage = table_name(plan.batch_id)
        self.pg = connection.vendor == "postgresql"
        self.now = timezone.now()
        self.has_kk = "kk_number" in plan.fields
        self.with_programme = bool(plan.programme and plan.year)
        self.bulk = False  # indexes and keys set aside (PostgreSQL, large first loads)
        self.timings: dict[str, float] = {}
        self.plan_table = f"{self.stage}_plan"
        self.touched = 0  # staged rows that change an existing person or membership

    # -- SQL spelling ------------------------------------------------------------------------
    def _distinct(self, left: str, right: str) -> str:
        return f"{left} IS DISTINCT FROM {right}" if self.pg else f"{left} IS NOT {right}"

    def _json(self, pairs: dict[str, str]) -> str:
        args = ", ".join(f"'{k}', {v}" for k, v in pairs.items())
        return f"json_build_object({args})" if self.pg else f"json_object({args})"

    def _on_conflict(self, key: str) -> str:
        """Bulk mode has no unique index to arbitrate, nor needs one: the tables are locked."""
        return "" if self.bulk else f"ON CONFLICT ({key}) DO NOTHING"

    def _person_diff(self, fam: str = "s.fam") -> str:
        """Over `s` (a staged row), `fam` (its family id) and `p` (its person): would the merge
        change p?"""
        parts = [
            f"(s.{c} IS NOT NULL AND {self._distinct(f's.{c}', f'p.{c}')})"
            for c in _person_columns(self.plan)
        ]
        if self.has_kk:
            parts.append(f"({fam} IS NOT NULL AND {self._distinct(fam, 'p.family_id')})")
        return "(" + " OR ".join(parts) + ")"

    def _membership_diff(self) -> str:
        parts = []
        for column, expr in _membership_values(self.plan).items():
            if expr.startswith("s."):
                parts.append(f"({expr} IS NOT NULL AND {self._distinct(expr, f'm.{column}')})")
            else:
                parts.append(f"({self._distinct(f'm.{column}', expr)})")
        return "(" + " OR ".join(parts) + ")"

    # -- steps --------------------------------------------------------------------------------
    def run(self, cursor) -> MergeCounts:
        aside = None
        if self.pg:
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            if self._bulk_mode(cursor):
                aside = self._timed("set_aside", bulk.set_aside, cursor)
        self.bulk = aside is not None
        if self.pg:
            # The staging table was never analysed; a just-filled family table neither.
            cursor.execute(f"ANALYZE {self.stage}")
        if self.has_kk:
            self._timed("families", self._insert_families, cursor)
            if self.bulk:
                cursor.execute(f"ANALYZE {FAMILY}")
        self._timed("plan", self._make_plan, cursor)
        counts = self._timed("classify", self._classify, cursor)
        if self.touched:
            self._timed("history", self._record_changes, cursor)
            self._timed("update_persons", self._update_persons, cursor)
        self._timed("insert_persons", self._insert_persons, cursor)
        if self.with_programme:
            if self.touched:
                self._timed("update_memberships", self._update_memberships, cursor)
            self._timed("insert_memberships", self._insert_memberships, cursor)
        cursor.execute(f"DROP TABLE {self.plan_table}")
        if aside is not None:
            rebuilt = self._timed("rebuild", bulk.put_back, cursor, aside)
            self.timings.update({f"rebuild_{k}": v for k, v in rebuilt.items()})
        return counts

    def _timed(self, name: str, step, *args):
        self.on_step(name)
        tick = time.perf_counter()
        result = step(*args)
        self.timings[f"merge_{name}"] = round(time.perf_counter() - tick, 3)
        return result

    def _make_plan(self, cursor) -> None:
        """One pass joining each staged row to its family, person and membership, deciding
        what happens to it; every later step reads this table instead of joining again.

        In bulk mode the tables are locked, so new persons get their ids here already and
        their memberships need no join back to find them.
        """
        params: list = []
        family = "CAST(NULL AS bigint)"
        joins = ""
        if self.has_kk:
            family = "f.id"
            joins += f" LEFT JOIN {FAMILY} f ON f.kk_number = s.kk"
        joins += f" LEFT JOIN {PERSON} p ON p.nik = s.nik"
        membership, membership_changed = "CAST(NULL AS bigint)", "FALSE"
        if self.with_programme:
            joins += (
                f" LEFT JOIN {MEMBERSHIP} m ON m.person_id = p.id "
                f"AND m.programme = %s AND m.year = %s"
            )
            params = [self.plan.programme, self.plan.year]
            membership = "m.id"
            membership_changed = f"(m.id IS NOT NULL AND {self._membership_diff()})"
        person = "p.id"
        if self.bulk:
            cursor.execute(f"SELECT pg_get_serial_sequence('{PERSON}', 'id')")
            person = f"COALESCE(p.id, nextval('{cursor.fetchone()[0]}'))"
        cursor.execute(f"DROP TABLE IF EXISTS {self.plan_table}")
        unlogged = "UNLOGGED " if self.pg else ""
        cursor.execute(
            f"CREATE {unlogged}TABLE {self.plan_table} AS "
            f"SELECT s.*, {family} AS fam, {person} AS pid, p.id IS NULL AS new_person, "
            f"{membership} AS mid, (p.id IS NOT NULL AND {self._person_diff(family)}) "
            f"AS person_changed, {membership_changed} AS membership_changed "
            f"FROM {self.stage} s{joins}",
            params,
        )

    def _bulk_mode(self, cursor) -> bool:
        """Bulk mode only where it pays and harms nobody (see bulk.py): a batch of at least
        BULK_MIN_ROWS, BULK_RATIO times the registry, no other office's list in the tables,
        no other office's import running, and the tables' exclusive lock free right now."""
        cursor.execute(f"SELECT count(*) FROM {self.stage}")
        staged = cursor.fetchone()[0]
        if staged < BULK_MIN_ROWS:
            self.bulk_reason = "no: small batch"
            return False
        # An exact answer to "at most staged / BULK_RATIO persons?" that reads at most that
        # many rows (statistics such as reltuples lag behind a load or a rollback).
        limit = staged // BULK_RATIO
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {PERSON} LIMIT %s) t", [limit + 1])
        if cursor.fetchone()[0] > limit:
            self.bulk_reason = f"no: registry of more than {limit} persons, batch of {staged}"
            return False
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {MEMBERSHIP} WHERE office_id <> %s)",
            [self.plan.office_id],
        )
        if cursor.fetchone()[0]:
            self.bulk_reason = "no: other offices' lists in the registry"
            return False
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
            "AND classid = %s AND objid <> %s AND granted)",
            [NAMESPACE, self.plan.office_id],
        )
        if cursor.fetchone()[0]:
            self.bulk_reason = "no: another office's import is running"
            return False
        try:
            with transaction.atomic():
                cursor.execute(
                    f"LOCK TABLE {', '.join(bulk.TABLES)} IN ACCESS EXCLUSIVE MODE NOWAIT"
                )
        except OperationalError:
            self.bulk_reason = "no: the registry tables are being read"
            return False
        self.bulk_reason = "yes"
        return True

    def _insert_families(self, cursor) -> None:
        village = "MIN(s.village_code)" if "village_code" in self.plan.fields else "''"
        address = "MIN(s.address)" if "address" in self.plan.fields else "''"
        cursor.execute(
            f"INSERT INTO {FAMILY} (created_at, updated_at, kk_number, address, village_code, "
            f"created_by_import_id) "
            f"SELECT %s, %s, s.kk, COALESCE({address}, ''), COALESCE({village}, ''), %s "
            f"FROM {self.stage} s WHERE s.kk IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {FAMILY} f WHERE f.kk_number = s.kk) "
            f"GROUP BY s.kk {self._on_conflict('kk_number')}",
            [self.now, self.now, self.plan.batch_id],
        )

    def _classify(self, cursor) -> MergeCounts:
        new = "s.new_person"
        if self.with_programme:
            new = "(s.new_person OR s.mid IS NULL)"
        cursor.execute(
            f"SELECT count(*), SUM(CASE WHEN {new} THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN NOT {new} AND (s.person_changed OR s.membership_changed) "
            f"THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN s.person_changed OR s.membership_changed THEN 1 ELSE 0 END) "
            f"FROM {self.plan_table} s"
        )
        total, new_count, changed, touched = cursor.fetchone()
        new_count, changed = int(new_count or 0), int(changed or 0)
        # Rows to update: the changed ones, and new memberships of persons who changed.
        self.touched = int(touched or 0)
        return MergeCounts(new=new_count, changed=changed, unchanged=total - new_count - changed)

    def _record_changes(self, cursor) -> None:
        """Old -> new of every existing person (and membership) the batch is about to change."""
        columns = _person_columns(self.plan)
        before = {c: f"p.{c}" for c in columns}
        after = {c: f"COALESCE(s.{c}, p.{c})" for c in columns}
        if self.has_kk:
            before["family_id"], after["family_id"] = "p.family_id", "COALESCE(s.fam, p.family_id)"
        join = ""
        if self.with_programme:
            join = f"LEFT JOIN {MEMBERSHIP} m ON m.id = s.mid"
            for column, expr in _membership_values(self.plan).items():
                before[f"membership.{column}"] = f"m.{column}"
                value = f"COALESCE({expr}, m.{column})" if expr.startswith("s.") else expr
                after[f"membership.{column}"] = value
            before["membership.id"] = "m.id"
        cursor.execute(
            f"INSERT INTO {CHANGE} (batch_id, person_id, row_number, before, after) "
            f"SELECT %s, p.id, s.row_no, {self._json(before)}, {self._json(after)} "
            f"FROM {self.plan_table} s JOIN {PERSON} p ON p.id = s.pid {join} "
            f"WHERE s.person_changed OR s.membership_changed",
            [self.plan.batch_id],
        )

    def _update_persons(self, cursor) -> None:
        sets = [f"{c} = COALESCE(s.{c}, p.{c})" for c in _person_columns(self.plan)]
        if self.has_kk:
            sets.append("family_id = COALESCE(s.fam, p.family_id)")
        sets.append("updated_at = %s")
        cursor.execute(
            f"UPDATE {PERSON} AS p SET {', '.join(sets)} FROM {self.plan_table} s "
            f"WHERE p.id = s.pid AND s.person_changed",
            [self.now],
        )

    def _insert_persons(self, cursor) -> None:
        columns = _person_columns(self.plan)
        text_defaults = {"birth_place", "address", "village_code", "sex"}
        values = [f"COALESCE(s.{c}, '')" if c in text_defaults else f"s.{c}" for c in columns]
        extra = ["birth_place", "address", "village_code"]
        missing = [c for c in extra if c not in columns]
        # Bulk mode inserts the ids the plan drew from the sequence.
        id_column, id_value = ("id, ", "s.pid, ") if self.bulk else ("", "")
        cursor.execute(
            f"INSERT INTO {PERSON} ({id_column}created_at, updated_at, nik, {', '.join(columns)}, "
            f"{''.join(c + ', ' for c in missing)}phone, email, family_id, created_by_import_id) "
            f"SELECT {id_value}%s, %s, s.nik, {', '.join(values)}, "
            f"{''.join(chr(39) * 2 + ', ' for _ in missing)}'', '', s.fam, %s "
            f"FROM {self.plan_table} s WHERE s.new_person {self._on_conflict('nik')}",
            [self.now, self.now, self.plan.batch_id],
        )

    def _update_memberships(self, cursor) -> None:
        values = _membership_values(self.plan)
        sets = [
            f"{c} = COALESCE({e}, m.{c})" if e.startswith("s.") else f"{c} = {e}"
            for c, e in values.items()
        ]
        cursor.execute(
            f"UPDATE {MEMBERSHIP} AS m SET {', '.join(sets)}, updated_at = %s "
            f"FROM {self.plan_table} s WHERE m.id = s.mid AND s.membership_changed "
            f"AND m.office_id = %s",
            [self.now, self.plan.office_id],
        )

    def _insert_memberships(self, cursor) -> None:
        values = _membership_values(self.plan)
        defaults = {
            "period": "''",
            "kks_number": "''",
            "channel": "''",
            "bank": "''",
            "dtks_date": "NULL",
            "sp2d_listed": "FALSE",
            "dtks_listed": "FALSE",
        }
        columns = list(dict.fromkeys([*values, *defaults]))
        exprs = []
        for column in columns:
            expr = values.get(column)
            default = defaults.get(column, "NULL")
            exprs.append(f"COALESCE({expr}, {default})" if expr else default)
        # Outside bulk mode a new person's id is found again by NIK (it may have been
        # inserted by someone else meanwhile, whose id the plan could not know).
        person, source = "s.pid", f"{self.plan_table} s"
        if not self.bulk:
            person, source = "p.id", f"{self.plan_table} s JOIN {PERSON} p ON p.nik = s.nik"
        cursor.execute(
            f"INSERT INTO {MEMBERSHIP} (created_at, updated_at, person_id, office_id, programme, "
            f"year, {', '.join(columns)}, created_by_import_id) "
            f"SELECT %s, %s, {person}, %s, %s, %s, {', '.join(exprs)}, %s "
            f"FROM {source} WHERE s.mid IS NULL "
            f"{self._on_conflict('person_id, programme, year')}",
            [
                self.now,
                self.now,
                self.plan.office_id,
                self.plan.programme,
                self.plan.year,
                self.plan.batch_id,
            ],
        )
