# The plan from gaps moved to ``development`` (development/migrations/0005_plan_moves_in.py):
# GapCommitment leaves this app's state. Its table stays, now read by ``development``.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("succession", "0002_readiness_moves_in"),
        ("development", "0005_plan_moves_in"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="GapCommitment")],
            database_operations=[],
        ),
    ]
