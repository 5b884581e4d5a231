import django.db.models.deletion
from django.db import migrations, models


def readiness_history_start(apps, schema_editor):
    """Each nomination's readiness counts as confirmed when it was last set, and its
    history starts there (what came before was not recorded)."""
    SuccessorNomination = apps.get_model("candidates", "SuccessorNomination")
    ReadinessChange = apps.get_model("candidates", "ReadinessChange")
    changes = []
    for nomination in SuccessorNomination.objects.all().iterator(chunk_size=2000):
        set_on = nomination.readiness_changed_on or nomination.nominated_on
        nomination.readiness_confirmed_on = set_on
        nomination.readiness_confirmed_by_id = nomination.nominated_by_id
        nomination.save(update_fields=["readiness_confirmed_on", "readiness_confirmed_by"])
        changes.append(
            ReadinessChange(
                nomination_id=nomination.pk,
                kind="nominated" if set_on == nomination.nominated_on else "changed",
                readiness=nomination.readiness,
                changed_on=set_on,
                changed_by_id=nomination.nominated_by_id,
            )
        )
    ReadinessChange.objects.bulk_create(changes, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0005_form_submission"),
    ]

    operations = [
        migrations.AddField(
            model_name="successornomination",
            name="readiness_confirmed_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="successornomination",
            name="readiness_confirmed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="candidates.person",
            ),
        ),
        migrations.AddField(
            model_name="successornomination",
            name="evidence_latest_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="ReadinessChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("nominated", "Nominated"), ("changed", "Changed"), ("confirmed", "Confirmed")], max_length=10)),
                ("readiness", models.CharField(choices=[("ready_now", "Ready now"), ("1_2_years", "Ready in 1–2 years"), ("3_5_years", "Ready in 3–5 years")], max_length=12)),
                ("changed_on", models.DateField()),
                ("note", models.TextField(blank=True)),
                ("changed_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="candidates.person")),
                ("nomination", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="readiness_history", to="candidates.successornomination")),
            ],
            options={
                "ordering": ["-changed_on", "-pk"],
                "indexes": [models.Index(fields=["nomination", "-changed_on"], name="readiness_change_recent_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("readiness__in", ["ready_now", "1_2_years", "3_5_years"])),
                        name="readiness_change_readiness_valid",
                        violation_error_message="Choose a readiness.",
                    )
                ],
            },
        ),
        migrations.RunPython(readiness_history_start, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="successornomination",
            name="readiness_confirmed_on",
            field=models.DateField(),
        ),
        migrations.AddIndex(
            model_name="successornomination",
            index=models.Index(fields=["is_active", "readiness_confirmed_on"], name="nomination_confirmed_idx"),
        ),
        migrations.CreateModel(
            name="CompetencyTarget",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("level", models.PositiveSmallIntegerField(blank=True, choices=[(1, "Engineer"), (2, "Senior engineer"), (3, "Team lead"), (4, "Manager"), (5, "Senior manager"), (6, "Director"), (7, "Vice president"), (8, "C-level executive")], null=True)),
                ("target", models.PositiveSmallIntegerField()),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("competency", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="targets", to="candidates.competency")),
                ("position", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="competency_targets", to="candidates.keyposition")),
                ("updated_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="candidates.person")),
            ],
            options={
                "ordering": ["competency__order", "competency__name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(models.Q(("position__isnull", False), ("level__isnull", True)), models.Q(("position__isnull", True), ("level__isnull", False)), _connector="OR"),
                        name="competency_target_position_or_level",
                        violation_error_message="A target is for one position or for one level.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("target__gte", 1), ("target__lte", 5)),
                        name="competency_target_1_to_5",
                        violation_error_message="Targets are 1 to 5, like the ratings.",
                    ),
                    models.UniqueConstraint(condition=models.Q(("position__isnull", False)), fields=("position", "competency"), name="competency_target_once_per_position"),
                    models.UniqueConstraint(condition=models.Q(("level__isnull", False)), fields=("level", "competency"), name="competency_target_once_per_level"),
                ],
            },
        ),
        migrations.CreateModel(
            name="PositionFill",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("filled_on", models.DateField()),
                ("from_pool", models.BooleanField(help_text="A graduate of the succession pool.")),
                ("note", models.TextField(blank=True)),
                ("person", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="positions_filled", to="candidates.person")),
                ("position", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="fills", to="candidates.keyposition")),
                ("recorded_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="candidates.person")),
            ],
            options={
                "ordering": ["-filled_on", "-pk"],
                "indexes": [models.Index(fields=["filled_on"], name="position_fill_date_idx")],
            },
        ),
    ]
