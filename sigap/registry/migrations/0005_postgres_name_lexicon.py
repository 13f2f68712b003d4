# ruff: noqa: S608 - table names are constants of this migration.
"""PostgreSQL only: spelling-tolerant name search through a lexicon of distinct names.

The trigram GIN index moves from registry_person.name (10^6 rows, every common name repeated
thousands of times, so a query rechecked tens of thousands of rows) to a table holding each
distinct name once; persons are then found by the btree on the name. Statement-level triggers
with transition tables keep the lexicon complete whoever writes persons (the import's one
INSERT of 10^6 rows fires once). Names no longer used stay: a search for them finds nobody.
SQLite skips all this (it searches with a plain LIKE).
"""

from django.db import migrations

LEXICON = "registry_person_name_lexicon"

FORWARD = [
    "DROP INDEX IF EXISTS registry_person_name_trgm",
    f"CREATE TABLE IF NOT EXISTS {LEXICON} (name varchar(200) PRIMARY KEY)",
    f"CREATE INDEX IF NOT EXISTS {LEXICON}_trgm ON {LEXICON} USING gin (name gin_trgm_ops)",
    f"INSERT INTO {LEXICON} (name) SELECT DISTINCT name FROM registry_person "
    "WHERE name <> '' ON CONFLICT DO NOTHING",
    f"""CREATE OR REPLACE FUNCTION registry_person_name_lexicon_add() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {LEXICON} (name)
        SELECT DISTINCT name FROM new_rows WHERE name <> '' ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER registry_person_name_lexicon_ins AFTER INSERT ON registry_person "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION registry_person_name_lexicon_add()",
    "CREATE TRIGGER registry_person_name_lexicon_upd AFTER UPDATE ON registry_person "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION registry_person_name_lexicon_add()",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS registry_person_name_lexicon_upd ON registry_person",
    "DROP TRIGGER IF EXISTS registry_person_name_lexicon_ins ON registry_person",
    "DROP FUNCTION IF EXISTS registry_person_name_lexicon_add()",
    f"DROP TABLE IF EXISTS {LEXICON}",
    "CREATE INDEX IF NOT EXISTS registry_person_name_trgm "
    "ON registry_person USING gin (name gin_trgm_ops)",
]


class PostgresOnlySQL(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_person_name_btree_membership_person_index")]

    operations = [PostgresOnlySQL(FORWARD, reverse_sql=BACKWARD)]
