# Kinds of evidence are registered by the apps that hold the items (succession.evidence):
# the column takes any registered name, checked by the service that attaches it.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('succession', '0003_plan_moves_out'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='readinessevidence',
            name='evidence_kind_valid',
        ),
        migrations.AlterField(
            model_name='readinessevidence',
            name='kind',
            field=models.CharField(max_length=24),
        ),
    ]
