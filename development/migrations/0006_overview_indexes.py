# The development overview reads rotations and overdue trip reports in date order, cut at
# 20: indexes in that order, so a long history is not read whole.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0010_readiness_moves_out'),
        ('development', '0005_plan_moves_in'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='conference',
            index=models.Index(condition=models.Q(('report_submitted_at__isnull', True)), fields=['trip_report_due_on'], name='conference_report_due_idx'),
        ),
        migrations.AddIndex(
            model_name='rotation',
            index=models.Index(fields=['status', 'ends_on'], name='rotation_status_end_idx'),
        ),
        migrations.AddIndex(
            model_name='rotation',
            index=models.Index(fields=['starts_on'], name='rotation_start_idx'),
        ),
        migrations.AddIndex(
            model_name='rotation',
            index=models.Index(condition=models.Q(('assessed_on__isnull', True)), fields=['ends_on'], name='rotation_unassessed_end_idx'),
        ),
    ]
