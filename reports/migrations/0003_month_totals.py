# HR's report reads a month's kept totals; one position's report reads its rows by index.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0010_readiness_moves_out'),
        ('reports', '0002_relations_follow_readiness'),
        ('succession', '0004_evidence_kinds_registered'),
    ]

    operations = [
        migrations.AddField(
            model_name='programmemonth',
            name='totals',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddIndex(
            model_name='nominationmonth',
            index=models.Index(fields=['position', 'month'], name='nomination_month_position_idx'),
        ),
    ]
