# Readiness moved to ``succession`` (see succession/migrations/0002_readiness_moves_in.py):
# first the moved models lose their relations in Django's state here. No table changes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0008_form_submission_moves_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='followup',
                    name='candidate',
                ),
                migrations.RemoveField(
                    model_name='followup',
                    name='done_by',
                ),
                migrations.RemoveField(
                    model_name='followup',
                    name='owner',
                ),
                migrations.RemoveField(
                    model_name='followup',
                    name='position',
                ),
                migrations.RemoveField(
                    model_name='keyposition',
                    name='department',
                ),
                migrations.RemoveField(
                    model_name='keyposition',
                    name='incumbent',
                ),
                migrations.RemoveField(
                    model_name='successornomination',
                    name='position',
                ),
                migrations.RemoveField(
                    model_name='positionfill',
                    name='position',
                ),
                migrations.RemoveField(
                    model_name='positionfill',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='positionfill',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='readinesschange',
                    name='changed_by',
                ),
                migrations.RemoveField(
                    model_name='readinesschange',
                    name='nomination',
                ),
                migrations.RemoveField(
                    model_name='successornomination',
                    name='candidate',
                ),
                migrations.RemoveField(
                    model_name='successornomination',
                    name='nominated_by',
                ),
                migrations.RemoveField(
                    model_name='successornomination',
                    name='readiness_confirmed_by',
                ),
                migrations.DeleteModel(
                    name='CompetencyTarget',
                ),
            ],
            database_operations=[],
        ),
    ]
