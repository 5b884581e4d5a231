# Key positions, nominations and follow-ups moved to ``succession``: the relations follow
# them in Django's state. The tables and their constraints are the same ones.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0001_initial'),
        ('succession', '0002_readiness_moves_in'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='reviewaction',
                    name='follow_up',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='succession.followup'),
                ),
                migrations.AlterField(
                    model_name='reviewaction',
                    name='nomination',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='succession.successornomination'),
                ),
                migrations.AlterField(
                    model_name='reviewmove',
                    name='nomination',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='succession.successornomination'),
                ),
                migrations.AlterField(
                    model_name='reviewmove',
                    name='position',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='succession.keyposition'),
                ),
                migrations.AlterField(
                    model_name='talentreview',
                    name='scope_positions',
                    field=models.ManyToManyField(blank=True, related_name='talent_reviews', to='succession.keyposition'),
                ),
            ],
            database_operations=[],
        ),
    ]
