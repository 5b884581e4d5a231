# FormSubmission (the one-time form tokens) lived in ``candidates`` until the shared
# plumbing got its own app. The table keeps its name and its rows: this migration only
# tells Django's state where the model is now, and moves its content type.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="common", model="formsubmission").exists():
        ContentType.objects.filter(app_label="candidates", model="formsubmission").update(
            app_label="common"
        )


def content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="candidates", model="formsubmission").exists():
        ContentType.objects.filter(app_label="common", model="formsubmission").update(
            app_label="candidates"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("candidates", "0007_person_level_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="FormSubmission",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("token", models.CharField(max_length=64, unique=True)),
                        ("result_url", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "candidates_formsubmission",
                        "indexes": [
                            models.Index(fields=["created_at"], name="form_submission_age_idx")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_back),
    ]
