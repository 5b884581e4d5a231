"""A stretch outcome recorded without "Ended on" was never readiness evidence (the
evidence is dated by its end). Such rows end on the day of this migration (or their start,
if later); from now on the service dates them and the database refuses one undated."""

import datetime as dt

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Greatest


def outcomes_dated(apps, schema_editor):
    StretchAssignment = apps.get_model("development", "StretchAssignment")
    StretchAssignment.objects.exclude(outcome="pending").filter(ends_on__isnull=True).update(
        ends_on=Greatest(F("starts_on"), Value(dt.date.today()))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0012_directory_import"),
        ("development", "0006_overview_indexes"),
    ]

    operations = [
        migrations.RunPython(outcomes_dated, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="stretchassignment",
            constraint=models.CheckConstraint(
                condition=models.Q(("outcome", "pending"), ("ends_on__isnull", False), _connector="OR"),
                name="stretch_outcome_has_an_end",
                violation_error_message="A stretch assignment with an outcome has ended: give the date.",
            ),
        ),
    ]
