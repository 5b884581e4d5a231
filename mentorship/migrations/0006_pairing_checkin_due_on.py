# The day a pairing's next check-in is due, kept by the meeting services, so "overdue"
# is one indexed comparison (mentorship.selectors.checkin_overdue_q).

import datetime as dt

from django.db import migrations, models


def fill_checkin_due_on(apps, schema_editor):
    MentorPairing = apps.get_model("mentorship", "MentorPairing")
    pairings = list(MentorPairing.objects.only("pk", "last_met_on", "starts_on", "cadence_days"))
    for pairing in pairings:
        since = pairing.last_met_on or pairing.starts_on
        pairing.checkin_due_on = since + dt.timedelta(days=pairing.cadence_days)
    MentorPairing.objects.bulk_update(pairings, ["checkin_due_on"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("mentorship", "0005_notifications_move_out"),
    ]

    operations = [
        migrations.AddField(
            model_name="mentorpairing",
            name="checkin_due_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(fill_checkin_due_on, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="mentorpairing", name="pairing_due_idx"),
        migrations.AddIndex(
            model_name="mentorpairing",
            index=models.Index(fields=["status", "checkin_due_on"], name="pairing_checkin_due_idx"),
        ),
    ]
