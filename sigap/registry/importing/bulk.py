"""PostgreSQL bulk mode: a batch larger than the registry loads into tables stripped of their
secondary indexes and foreign keys, which are rebuilt once, at the end.

Building a btree from sorted data costs a fraction of maintaining it row by row, and so does
checking a foreign key with one anti-join instead of one deferred trigger per row at commit.
Inside the merge's transaction (catalogue changes are transactional: a failed merge leaves the
tables exactly as they were; reads of the registry wait meanwhile): the unique constraints and
btree indexes come back, and the foreign keys as NOT VALID (enforced for every new row at once).
After the commit, without blocking anyone, `finish` validates those keys (every row the merge
wrote took its key from a join to the referenced table, so this is a confirmation) and builds
the trigram index of the name lexicon CONCURRENTLY; until then a name search scans the lexicon,
slower but right.
"""

import time
from dataclasses import dataclass

LEXICON = "registry_person_name_lexicon"  # distinct names, see migration 0005
TABLES = ("registry_family", "registry_person", "registry_programmemembership", LEXICON)
NAME_INDEX = f"{LEXICON}_trgm"
NAME_INDEX_SQL = f"ON {LEXICON} USING gin (name gin_trgm_ops)"


@dataclass(frozen=True)
class SetAside:
    """What bulk mode removed, as the SQL that puts each piece back (indexes before keys)."""

    restore: tuple[str, ...]


def set_aside(cursor) -> SetAside:
    """Locks the registry tables, then drops their secondary indexes, unique and FK constraints.

    Primary keys stay (other apps' foreign keys point at them), and so does any unique
    constraint a foreign key depends on.
    """
    cursor.execute(f"LOCK TABLE {', '.join(TABLES)} IN ACCESS EXCLUSIVE MODE")
    # Dropping a foreign key alters the referenced table too (accounts_office), which
    # PostgreSQL refuses while deferred checks of this transaction are pending on it.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    cursor.execute(
        "SELECT format('ALTER TABLE %%s DROP CONSTRAINT %%I', c.conrelid::regclass, c.conname), "
        "format('ALTER TABLE %%s ADD CONSTRAINT %%I %%s', c.conrelid::regclass, c.conname, "
        "pg_get_constraintdef(c.oid)), c.contype "
        "FROM pg_constraint c WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u') "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint d WHERE d.contype = 'f' "
        "AND d.conindid = c.conindid AND c.contype = 'u') ORDER BY c.conname",
        [list(TABLES)],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT format('DROP INDEX %%s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid), "
        "i.indexrelid::regclass::text "
        "FROM pg_index i WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
        "ORDER BY 1",
        [list(TABLES)],
    )
    indexes = cursor.fetchall()
    foreign = [
        (d, f"{r} NOT VALID" if "NOT VALID" not in r else r) for d, r, k in constraints if k == "f"
    ]
    unique = [(d, r) for d, r, k in constraints if k == "u"]
    # The name index is left to `finish` (built after the commit, concurrently).
    plain = [(d, r if name != NAME_INDEX else "") for d, r, name in indexes]
    # Drop the keys first, then the unique constraints and plain indexes; put back in reverse.
    for drop, _restore in [*foreign, *unique, *plain]:
        cursor.execute(drop)
    restore = [r for _d, r in [*unique, *plain, *foreign] if r]
    return SetAside(restore=tuple(restore))


def put_back(cursor, aside: SetAside) -> dict[str, float]:
    """Rebuilds what `set_aside` dropped (but the name index); a duplicate fails the merge here.

    Returns the seconds each statement took, by the index or constraint name."""
    # DDL refuses while row-level trigger events are pending on a table: fire them now.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    seconds = {}
    for statement in aside.restore:
        tick = time.perf_counter()
        cursor.execute(statement)
        seconds[_name(statement)] = round(time.perf_counter() - tick, 3)
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return seconds


def finish(cursor, *, concurrently: bool = True) -> dict[str, float]:
    """Validates the registry's NOT VALID foreign keys and (re)builds a missing name index.

    Cheap when there is nothing to do (two catalogue queries), so every import calls it after
    its commit: work left by one killed after the commit is done by the next. Neither step
    blocks reads or writes of the registry (SHARE UPDATE EXCLUSIVE locks).
    """
    seconds = {}
    cursor.execute(
        "SELECT c.oid FROM pg_constraint c WHERE conrelid = ANY(%s::regclass[]) "
        "AND NOT convalidated LIMIT 1",
        [list(TABLES)],
    )
    if cursor.fetchone():
        # A bulk load just happened: give the planner the new tables' statistics too.
        for table in TABLES:
            cursor.execute(f"ANALYZE {table}")
    cursor.execute(
        "SELECT format('ALTER TABLE %%s VALIDATE CONSTRAINT %%I', conrelid::regclass, conname) "
        "FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) AND NOT convalidated "
        "ORDER BY conname",
        [list(TABLES)],
    )
    for (statement,) in cursor.fetchall():
        tick = time.perf_counter()
        cursor.execute(statement)
        seconds[_name(statement)] = round(time.perf_counter() - tick, 3)
    cursor.execute(
        "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE c.relname = %s",
        [NAME_INDEX],
    )
    row = cursor.fetchone()
    if row is None or not row[0]:
        tick = time.perf_counter()
        how = "CONCURRENTLY " if concurrently else ""
        # A concurrent build killed midway leaves an invalid index behind: start again.
        cursor.execute(f"DROP INDEX {how}IF EXISTS {NAME_INDEX}")
        cursor.execute(f"CREATE INDEX {how}{NAME_INDEX} {NAME_INDEX_SQL}")
        seconds[NAME_INDEX] = round(time.perf_counter() - tick, 3)
    return seconds


def _name(statement: str) -> str:
    words = statement.split()
    return words[words.index("CONSTRAINT") + 1] if "CONSTRAINT" in words else words[2]
