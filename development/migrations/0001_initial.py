# The models of ``development`` lived in ``candidates`` until the apps were split into layers.
# Their tables keep their names (``db_table``) and their rows: this migration only tells
# Django's state where they are now, and moves their content types.

import django.db.models.deletion
from django.db import migrations, models
from functools import partial


def content_types_follow(apps, schema_editor, *, old: str, new: str, models: list[str]):
    """Keep the moved models' content types (and so their permissions and admin log)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in models:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_back(apps, schema_editor, *, old: str, new: str, models: list[str]):
    content_types_follow(apps, schema_editor, old=new, new=old, models=models)


MODELS = ['rotation', 'rotationcompetencyscore', 'stretchassignment', 'conference', 'taskforce', 'benchmarkvisit', 'training']


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0003_development_moves_out"),
        ("agreements", "0003_default_commitment_templates"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Conference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200)),
                        ('location', models.CharField(blank=True, max_length=120)),
                        ('starts_on', models.DateField()),
                        ('ends_on', models.DateField()),
                        ('budget', models.DecimalField(decimal_places=2, default=0, max_digits=9)),
                        ('currency', models.CharField(default='EUR', max_length=3)),
                        ('assignment', models.TextField(default='Bring back ideas that could benefit us.')),
                        ('trip_report_due_on', models.DateField()),
                        ('report_learned', models.TextField(blank=True)),
                        ('report_ideas', models.TextField(blank=True)),
                        ('report_recommendations', models.TextField(blank=True)),
                        ('report_submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('reviewed_at', models.DateTimeField(blank=True, null=True)),
                        ('review_comments', models.TextField(blank=True)),
                        ('assigned_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='candidates.person')),
                        ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='conferences', to='candidates.candidate')),
                        ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='candidates.person')),
                    ],
                    options={
                        'db_table': 'candidates_conference',
                        'ordering': ['-starts_on'],
                    },
                ),
                migrations.CreateModel(
                    name='Rotation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('direction', models.CharField(choices=[('outbound', 'Outbound (support → another department)'), ('inbound', 'Inbound (another department → support)')], max_length=10)),
                        ('role', models.CharField(choices=[('functional_manager', 'Functional manager'), ('project_lead', 'Cross-department project lead'), ('support_shifts', 'Support shifts'), ('sme', 'Subject-matter expert in support channels')], max_length=20)),
                        ('objectives', models.TextField()),
                        ('project', models.CharField(blank=True, max_length=200)),
                        ('project_deadline', models.DateField(blank=True, null=True)),
                        ('starts_on', models.DateField()),
                        ('ends_on', models.DateField()),
                        ('status', models.CharField(choices=[('planned', 'Planned'), ('running', 'Running'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], default='planned', max_length=10)),
                        ('objectives_met', models.BooleanField(blank=True, null=True)),
                        ('delivered_on_time', models.BooleanField(blank=True, null=True)),
                        ('assessment_comments', models.TextField(blank=True)),
                        ('assessed_on', models.DateField(blank=True, null=True)),
                        ('reflection', models.TextField(blank=True)),
                        ('reflection_written_on', models.DateField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('assessed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='candidates.person')),
                        ('assigned_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='candidates.person')),
                        ('host_department', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='hosted_rotations', to='candidates.department')),
                        ('host_sponsor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sponsored_rotations', to='candidates.person')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rotations', to='candidates.person')),
                    ],
                    options={
                        'db_table': 'candidates_rotation',
                        'ordering': ['-starts_on'],
                    },
                ),
                migrations.CreateModel(
                    name='RotationCompetencyScore',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('score', models.PositiveSmallIntegerField()),
                        ('competency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='candidates.competency')),
                        ('rotation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='development.rotation')),
                    ],
                    options={
                        'db_table': 'candidates_rotationcompetencyscore',
                    },
                ),
                migrations.CreateModel(
                    name='StretchAssignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200)),
                        ('kind', models.CharField(choices=[('escalation', 'Escalated customer case'), ('unfamiliar_area', 'Unfamiliar product area'), ('decision', 'Decision to own'), ('other', 'Other')], max_length=20)),
                        ('description', models.TextField()),
                        ('starts_on', models.DateField()),
                        ('ends_on', models.DateField(blank=True, null=True)),
                        ('outcome', models.CharField(choices=[('pending', 'In progress'), ('succeeded', 'Succeeded'), ('partial', 'Partly succeeded'), ('failed', 'Failed (safely)')], default='pending', max_length=10)),
                        ('lessons_learned', models.TextField(blank=True)),
                        ('assigned_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='candidates.person')),
                        ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stretch_assignments', to='candidates.candidate')),
                        ('safety_net', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='safety_nets', to='candidates.person')),
                    ],
                    options={
                        'db_table': 'candidates_stretchassignment',
                        'ordering': ['-starts_on'],
                    },
                ),
                migrations.CreateModel(
                    name='TaskForce',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('idea', models.TextField()),
                        ('status', models.CharField(choices=[('launched', 'Launched'), ('in_progress', 'In progress'), ('implemented', 'Implemented'), ('dropped', 'Dropped')], default='launched', max_length=12)),
                        ('launched_on', models.DateField()),
                        ('implemented_on', models.DateField(blank=True, null=True)),
                        ('notes', models.TextField(blank=True)),
                        ('conference', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='task_forces', to='development.conference')),
                        ('launched_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='candidates.person')),
                        ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='task_forces', to='candidates.candidate')),
                    ],
                    options={
                        'db_table': 'candidates_taskforce',
                        'ordering': ['-launched_on'],
                    },
                ),
                migrations.CreateModel(
                    name='Training',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200)),
                        ('kind', models.CharField(choices=[('executive_programme', 'Executive programme'), ('business_classes', 'Business classes'), ('course', 'Course'), ('other', 'Other')], max_length=20)),
                        ('provider', models.CharField(blank=True, max_length=160)),
                        ('starts_on', models.DateField()),
                        ('ends_on', models.DateField(blank=True, null=True)),
                        ('status', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('completed', 'Completed'), ('dropped', 'Dropped')], default='planned', max_length=12)),
                        ('completion_evidence', models.TextField(blank=True)),
                        ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='trainings', to='candidates.candidate')),
                        ('commitment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='trainings', to='agreements.commitment')),
                    ],
                    options={
                        'db_table': 'candidates_training',
                        'ordering': ['-starts_on'],
                    },
                ),
                migrations.CreateModel(
                    name='BenchmarkVisit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('company', models.CharField(max_length=160)),
                        ('visit_on', models.DateField()),
                        ('questions', models.TextField(blank=True)),
                        ('questions_ready_on', models.DateField(blank=True, null=True)),
                        ('findings', models.TextField(blank=True)),
                        ('comparison', models.TextField(blank=True)),
                        ('presented_on', models.DateField(blank=True, null=True)),
                        ('assigned_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='candidates.person')),
                        ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='benchmark_visits', to='candidates.candidate')),
                    ],
                    options={
                        'db_table': 'candidates_benchmarkvisit',
                        'ordering': ['-visit_on'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('presented_on__isnull', True), ('presented_on__gte', models.F('visit_on')), _connector='OR'), name='benchmark_presented_after_visit')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='conference',
                    constraint=models.CheckConstraint(condition=models.Q(('ends_on__gte', models.F('starts_on'))), name='conference_ends_after_it_starts'),
                ),
                migrations.AddConstraint(
                    model_name='conference',
                    constraint=models.CheckConstraint(condition=models.Q(('trip_report_due_on__gte', models.F('ends_on'))), name='conference_report_due_after_it_ends'),
                ),
                migrations.AddConstraint(
                    model_name='conference',
                    constraint=models.CheckConstraint(condition=models.Q(('budget__gte', 0)), name='conference_budget_positive'),
                ),
                migrations.AddIndex(
                    model_name='rotation',
                    index=models.Index(fields=['person', 'starts_on'], name='rotation_person_dates_idx'),
                ),
                migrations.AddConstraint(
                    model_name='rotation',
                    constraint=models.CheckConstraint(condition=models.Q(('ends_on__gte', models.F('starts_on'))), name='rotation_ends_after_it_starts'),
                ),
                migrations.AddConstraint(
                    model_name='rotation',
                    constraint=models.CheckConstraint(condition=models.Q(('project_deadline__isnull', True), ('project_deadline__gte', models.F('starts_on')), _connector='OR'), name='rotation_deadline_after_start'),
                ),
                migrations.AddConstraint(
                    model_name='rotationcompetencyscore',
                    constraint=models.CheckConstraint(condition=models.Q(('score__gte', 1), ('score__lte', 5)), name='rotation_score_1_to_5'),
                ),
                migrations.AddConstraint(
                    model_name='rotationcompetencyscore',
                    constraint=models.UniqueConstraint(fields=('rotation', 'competency'), name='rotation_score_once_per_competency'),
                ),
                migrations.AddConstraint(
                    model_name='stretchassignment',
                    constraint=models.CheckConstraint(condition=models.Q(('ends_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='stretch_ends_after_it_starts'),
                ),
                migrations.AddConstraint(
                    model_name='taskforce',
                    constraint=models.CheckConstraint(condition=models.Q(('implemented_on__isnull', True), ('implemented_on__gte', models.F('launched_on')), _connector='OR'), name='task_force_implemented_after_launch'),
                ),
                migrations.AddConstraint(
                    model_name='training',
                    constraint=models.CheckConstraint(condition=models.Q(('ends_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='training_ends_after_it_starts'),
                ),
    
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            partial(content_types_follow, old="candidates", new="development", models=MODELS),
            partial(content_types_back, old="candidates", new="development", models=MODELS),
        ),
    ]
