# The key positions moved to ``succession``: the relations follow them in Django's state.
# The tables and their constraints are the same ones.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_initial'),
        ('succession', '0002_readiness_moves_in'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='nominationmonth',
                    name='position',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='succession.keyposition'),
                ),
                migrations.AlterField(
                    model_name='positionmonth',
                    name='position',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='succession.keyposition'),
                ),
            ],
            database_operations=[],
        ),
    ]
