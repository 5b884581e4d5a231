# The notifications moved to their own app (``notifications``), the bottom layer. Their
# tables stay where they are (the new models keep ``db_table``): only the state changes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("mentorship", "0004_meeting_constraint_message"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="notification", name="recipient"),
                migrations.RemoveField(model_name="notificationpreference", name="user"),
                migrations.DeleteModel(name="Notification"),
                migrations.DeleteModel(name="NotificationPreference"),
            ],
            database_operations=[],
        )
    ]
