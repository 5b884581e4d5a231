from django.db import migrations

TEMPLATES = [
    ("company", "training", "Enrol you in an executive programme and pay for it.", 365),
    ("company", "conference", "Fund one industry conference a year; you bring back a trip report.", 180),
    ("company", "rotation", "Arrange a management rotation in another department.", 270),
    ("company", "mentor", "Pair you with an executive mentor who meets you every two weeks.", 30),
    ("candidate", "classes", "Take business classes at night school.", 365),
    ("candidate", "conference", "Write a trip report with ideas we could use, within two weeks.", 200),
    ("candidate", "rotation", "Deliver the rotation's project on time and present what you learned.", 300),
    ("candidate", "other", "Lead one cross-department improvement from idea to rollout.", 365),
]


def add_templates(apps, schema_editor):
    CommitmentTemplate = apps.get_model("agreements", "CommitmentTemplate")
    for order, (side, category, description, days) in enumerate(TEMPLATES, start=1):
        CommitmentTemplate.objects.get_or_create(
            side=side,
            description=description,
            defaults={"category": category, "due_after_days": days, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_initial")]
    operations = [migrations.RunPython(add_templates, migrations.RunPython.noop)]
