from django.db import migrations

TOPICS = [
    "What executives do and how they act",
    "Strategy",
    "A case they handled",
    "Leading a team",
    "Working with other departments",
    "Customers and escalations",
    "Budget and business",
    "Career and aspirations",
    "Feedback on a project",
]


def add_topics(apps, schema_editor):
    MeetingTopic = apps.get_model("mentorship", "MeetingTopic")
    for order, name in enumerate(TOPICS, start=1):
        MeetingTopic.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("mentorship", "0001_initial")]
    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
