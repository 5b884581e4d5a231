# The development experiences moved to their own app (``development``). Their tables
# stay where they are (the new models keep ``db_table``): only Django's state changes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0002_default_competencies"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='conference',
                    name='assigned_by',
                ),
                migrations.RemoveField(
                    model_name='conference',
                    name='candidate',
                ),
                migrations.RemoveField(
                    model_name='conference',
                    name='reviewed_by',
                ),
                migrations.RemoveField(
                    model_name='taskforce',
                    name='conference',
                ),
                migrations.RemoveField(
                    model_name='rotation',
                    name='assessed_by',
                ),
                migrations.RemoveField(
                    model_name='rotation',
                    name='assigned_by',
                ),
                migrations.RemoveField(
                    model_name='rotation',
                    name='host_department',
                ),
                migrations.RemoveField(
                    model_name='rotation',
                    name='host_sponsor',
                ),
                migrations.RemoveField(
                    model_name='rotation',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='rotationcompetencyscore',
                    name='rotation',
                ),
                migrations.RemoveField(
                    model_name='rotationcompetencyscore',
                    name='competency',
                ),
                migrations.RemoveField(
                    model_name='stretchassignment',
                    name='assigned_by',
                ),
                migrations.RemoveField(
                    model_name='stretchassignment',
                    name='candidate',
                ),
                migrations.RemoveField(
                    model_name='stretchassignment',
                    name='safety_net',
                ),
                migrations.RemoveField(
                    model_name='taskforce',
                    name='launched_by',
                ),
                migrations.RemoveField(
                    model_name='taskforce',
                    name='owner',
                ),
                migrations.RemoveField(
                    model_name='training',
                    name='candidate',
                ),
                migrations.RemoveField(
                    model_name='training',
                    name='commitment',
                ),
                migrations.DeleteModel(
                    name='BenchmarkVisit',
                ),
                migrations.DeleteModel(
                    name='Conference',
                ),
                migrations.DeleteModel(
                    name='Rotation',
                ),
                migrations.DeleteModel(
                    name='RotationCompetencyScore',
                ),
                migrations.DeleteModel(
                    name='StretchAssignment',
                ),
                migrations.DeleteModel(
                    name='TaskForce',
                ),
                migrations.DeleteModel(
                    name='Training',
                ),
    
            ],
            database_operations=[],
        )
    ]
