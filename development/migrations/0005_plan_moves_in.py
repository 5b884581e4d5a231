# The plan from gaps moved here from ``succession``: GapCommitment's table keeps its name
# (``db_table``) and its rows; only Django's state and the content type move.

import django.db.models.deletion
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="development", model="gapcommitment").exists():
        ContentType.objects.filter(app_label="succession", model="gapcommitment").update(
            app_label="development"
        )


def content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="succession", model="gapcommitment").exists():
        ContentType.objects.filter(app_label="development", model="gapcommitment").update(
            app_label="succession"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('agreements', '0004_constraint_messages'),
        ('candidates', '0009_readiness_relations_move_out'),
        ('development', '0004_experience_catalogue'),
        ('succession', '0002_readiness_moves_in'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='GapCommitment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('target', models.PositiveSmallIntegerField()),
                        ('score', models.PositiveSmallIntegerField(blank=True, help_text='When proposed.', null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='gap_commitments', to='candidates.candidate')),
                        ('commitment', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='gap', to='agreements.commitment')),
                        ('competency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='candidates.competency')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='candidates.person')),
                        ('idea', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='development.experienceidea')),
                        ('position', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='succession.keyposition')),
                    ],
                    options={
                        'db_table': 'succession_gapcommitment',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['candidate', 'competency'], name='gap_commitment_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_back),
    ]
