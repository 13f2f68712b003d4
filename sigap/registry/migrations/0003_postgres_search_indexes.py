"""PostgreSQL only: pg_trgm and a trigram GIN index on Person.name for spelling-tolerant search.

SQLite skips these operations (it searches with a plain LIKE). Kept out of the model state on
purpose, so makemigrations never proposes to drop them.
"""

from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_memberships_imports_bigint_numbers")]

    operations = [
        PostgresOnlySQL(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            reverse_sql=migrations.RunSQL.noop,
        ),
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS registry_person_name_trgm "
            "ON registry_person USING gin (name gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS registry_person_name_trgm",
        ),
    ]
