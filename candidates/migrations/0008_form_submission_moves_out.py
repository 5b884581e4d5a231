# FormSubmission moved to ``common`` (see common/migrations/0001_initial.py): its table
# stays, only Django's state forgets it here.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0007_person_level_index"),
        ("common", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="FormSubmission")],
            database_operations=[],
        ),
    ]
