"""PostgreSQL keeps a finer histogram of ``reporting_path``.

With the default 100 buckets the planner guessed a manager's line at 100,000 people as
1,010 people when it held 163, so it walked the pool's name index and threw 82,216 rows
away (56 ms) instead of taking the line from its pattern index and sorting 31 candidates
(4 ms). A thousand buckets make the guess close enough for the right plan."""

from django.db import migrations

FINE = "ALTER TABLE candidates_person ALTER COLUMN reporting_path SET STATISTICS 1000"
DEFAULT = "ALTER TABLE candidates_person ALTER COLUMN reporting_path SET STATISTICS -1"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)
            schema_editor.execute("ANALYZE candidates_person")

    return run


class Migration(migrations.Migration):
    dependencies = [("candidates", "0010_readiness_moves_out")]

    operations = [migrations.RunPython(_on_postgresql(FINE), _on_postgresql(DEFAULT))]
