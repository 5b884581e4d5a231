# Readiness gets one home: key positions, successor nominations, their readiness history,
# target profiles, fills and follow-ups lived in ``candidates``. Their tables keep their
# names (``db_table``) and their rows: only Django's state moves, and their content types.

import django.db.models.deletion
from functools import partial

from django.db import migrations, models


def content_types_follow(apps, schema_editor, *, old: str, new: str, models: list[str]):
    """Keep the moved models' content types (and so their permissions and admin log)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in models:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_back(apps, schema_editor, *, old: str, new: str, models: list[str]):
    content_types_follow(apps, schema_editor, old=new, new=old, models=models)


MODELS = ["keyposition", "successornomination", "readinesschange", "competencytarget", "positionfill", "followup"]


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('candidates', '0009_readiness_relations_move_out'),
        ('succession', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='KeyPosition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=160)),
                        ('level', models.PositiveSmallIntegerField(choices=[(1, 'Engineer'), (2, 'Senior engineer'), (3, 'Team lead'), (4, 'Manager'), (5, 'Senior manager'), (6, 'Director'), (7, 'Vice president'), (8, 'C-level executive')])),
                        ('description', models.TextField(blank=True)),
                        ('is_active', models.BooleanField(default=True)),
                        ('department', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='key_positions', to='candidates.department')),
                        ('incumbent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='key_positions_held', to='candidates.person')),
                    ],
                    options={
                        'db_table': 'candidates_keyposition',
                        'ordering': ['-level', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='FollowUp',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('passed_over', 'Talk to the person passed over'), ('other', 'Other')], default='passed_over', max_length=20)),
                        ('description', models.TextField()),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('done_at', models.DateTimeField(blank=True, null=True)),
                        ('outcome', models.TextField(blank=True)),
                        ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follow_ups', to='candidates.candidate')),
                        ('done_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='candidates.person')),
                        ('owner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='follow_ups_owned', to='candidates.person')),
                        ('position', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='follow_ups', to='succession.keyposition')),
                    ],
                    options={
                        'db_table': 'candidates_followup',
                        'ordering': ['done_at', '-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='CompetencyTarget',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('level', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Engineer'), (2, 'Senior engineer'), (3, 'Team lead'), (4, 'Manager'), (5, 'Senior manager'), (6, 'Director'), (7, 'Vice president'), (8, 'C-level executive')], null=True)),
                        ('target', models.PositiveSmallIntegerField()),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('competency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='candidates.competency')),
                        ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='candidates.person')),
                        ('position', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='competency_targets', to='succession.keyposition')),
                    ],
                    options={
                        'db_table': 'candidates_competencytarget',
                        'ordering': ['competency__order', 'competency__name'],
                    },
                ),
                migrations.CreateModel(
                    name='PositionFill',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('filled_on', models.DateField()),
                        ('from_pool', models.BooleanField(help_text='A graduate of the succession pool.')),
                        ('note', models.TextField(blank=True)),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='positions_filled', to='candidates.person')),
                        ('position', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='fills', to='succession.keyposition')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='candidates.person')),
                    ],
                    options={
                        'db_table': 'candidates_positionfill',
                        'ordering': ['-filled_on', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='SuccessorNomination',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('readiness', models.CharField(choices=[('ready_now', 'Ready now'), ('1_2_years', 'Ready in 1–2 years'), ('3_5_years', 'Ready in 3–5 years')], max_length=12)),
                        ('note', models.TextField(blank=True)),
                        ('nominated_on', models.DateField()),
                        ('readiness_changed_on', models.DateField(blank=True, null=True)),
                        ('readiness_confirmed_on', models.DateField()),
                        ('evidence_latest_on', models.DateField(blank=True, null=True)),
                        ('is_active', models.BooleanField(default=True)),
                        ('closed_on', models.DateField(blank=True, null=True)),
                        ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='nominations', to='candidates.candidate')),
                        ('nominated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='successor_nominations_made', to='candidates.person')),
                        ('position', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='nominations', to='succession.keyposition')),
                        ('readiness_confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='candidates.person')),
                    ],
                    options={
                        'db_table': 'candidates_successornomination',
                        'ordering': ['position', 'readiness'],
                    },
                ),
                migrations.CreateModel(
                    name='ReadinessChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('nominated', 'Nominated'), ('changed', 'Changed'), ('confirmed', 'Confirmed')], max_length=10)),
                        ('readiness', models.CharField(choices=[('ready_now', 'Ready now'), ('1_2_years', 'Ready in 1–2 years'), ('3_5_years', 'Ready in 3–5 years')], max_length=12)),
                        ('changed_on', models.DateField()),
                        ('note', models.TextField(blank=True)),
                        ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='candidates.person')),
                        ('nomination', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='readiness_history', to='succession.successornomination')),
                    ],
                    options={
                        'db_table': 'candidates_readinesschange',
                        'ordering': ['-changed_on', '-pk'],
                    },
                ),
                migrations.AlterField(
                    model_name='readinessevidence',
                    name='nomination',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='succession.successornomination'),
                ),
                migrations.AddConstraint(
                    model_name='keyposition',
                    constraint=models.UniqueConstraint(fields=('title', 'department'), name='key_position_unique_title_per_department'),
                ),
                migrations.AddConstraint(
                    model_name='keyposition',
                    constraint=models.CheckConstraint(condition=models.Q(('level__gte', 1), ('level__lte', 8)), name='key_position_level_in_range', violation_error_message='Levels run from 1 (engineer) to 8 (C-level executive).'),
                ),
                migrations.AddConstraint(
                    model_name='followup',
                    constraint=models.UniqueConstraint(condition=models.Q(('done_at__isnull', True)), fields=('candidate', 'position', 'kind'), name='follow_up_one_open_per_candidate_position_kind', violation_error_message='This conversation is already on the list.'),
                ),
                migrations.AddConstraint(
                    model_name='competencytarget',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('position__isnull', False), ('level__isnull', True)), models.Q(('position__isnull', True), ('level__isnull', False)), _connector='OR'), name='competency_target_position_or_level', violation_error_message='A target is for one position or for one level.'),
                ),
                migrations.AddConstraint(
                    model_name='competencytarget',
                    constraint=models.CheckConstraint(condition=models.Q(('target__gte', 1), ('target__lte', 5)), name='competency_target_1_to_5', violation_error_message='Targets are 1 to 5, like the ratings.'),
                ),
                migrations.AddConstraint(
                    model_name='competencytarget',
                    constraint=models.UniqueConstraint(condition=models.Q(('position__isnull', False)), fields=('position', 'competency'), name='competency_target_once_per_position'),
                ),
                migrations.AddConstraint(
                    model_name='competencytarget',
                    constraint=models.UniqueConstraint(condition=models.Q(('level__isnull', False)), fields=('level', 'competency'), name='competency_target_once_per_level'),
                ),
                migrations.AddIndex(
                    model_name='positionfill',
                    index=models.Index(fields=['filled_on'], name='position_fill_date_idx'),
                ),
                migrations.AddIndex(
                    model_name='successornomination',
                    index=models.Index(fields=['position', 'is_active', 'readiness'], name='nomination_bench_idx'),
                ),
                migrations.AddIndex(
                    model_name='successornomination',
                    index=models.Index(fields=['is_active', 'readiness_confirmed_on'], name='nomination_confirmed_idx'),
                ),
                migrations.AddConstraint(
                    model_name='successornomination',
                    constraint=models.UniqueConstraint(condition=models.Q(('is_active', True)), fields=('position', 'candidate'), name='nomination_one_active_per_candidate_and_position', violation_error_message='Already nominated for this position.'),
                ),
                migrations.AddConstraint(
                    model_name='successornomination',
                    constraint=models.CheckConstraint(condition=models.Q(('readiness__in', ['ready_now', '1_2_years', '3_5_years'])), name='nomination_readiness_valid', violation_error_message='Choose a readiness.'),
                ),
                migrations.AddIndex(
                    model_name='readinesschange',
                    index=models.Index(fields=['nomination', '-changed_on'], name='readiness_change_recent_idx'),
                ),
                migrations.AddConstraint(
                    model_name='readinesschange',
                    constraint=models.CheckConstraint(condition=models.Q(('readiness__in', ['ready_now', '1_2_years', '3_5_years'])), name='readiness_change_readiness_valid', violation_error_message='Choose a readiness.'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            partial(content_types_follow, old="candidates", new="succession", models=MODELS),
            partial(content_types_back, old="candidates", new="succession", models=MODELS),
        ),
    ]
