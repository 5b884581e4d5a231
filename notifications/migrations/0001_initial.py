# The models of ``notifications`` lived in ``mentorship`` until the apps were split into layers.
# Their tables keep their names (``db_table``) and their rows: this migration only tells
# Django's state where they are now, and moves their content types.

import django.db.models.deletion
import secrets
from django.conf import settings
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


MODELS = ['notification', 'notificationpreference']


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("mentorship", "0005_notifications_move_out"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='NotificationPreference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('delivery', models.CharField(choices=[('immediate', 'One e-mail per reminder'), ('digest', 'One daily digest'), ('none', 'No e-mail (in-app only)')], default='immediate', max_length=10)),
                        ('muted_kinds', models.JSONField(blank=True, default=list)),
                        ('calendar_token', models.CharField(default=secrets.token_urlsafe, max_length=64, unique=True)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preference', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'mentorship_notificationpreference',
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=24)),
                        ('item_key', models.CharField(help_text='What it is about, e.g. "pairing:12".', max_length=80)),
                        ('period_key', models.CharField(help_text='The due period, e.g. a due date.', max_length=40)),
                        ('title', models.CharField(max_length=200)),
                        ('body', models.TextField(blank=True)),
                        ('url', models.CharField(blank=True, max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('email_status', models.CharField(choices=[('pending', 'Waiting to be sent'), ('sent', 'Sent'), ('digest', 'Waiting for the daily digest'), ('skipped', 'Not e-mailed (preference)'), ('failed', 'Failed')], default='pending', max_length=8)),
                        ('email_attempts', models.PositiveSmallIntegerField(default=0)),
                        ('emailed_at', models.DateTimeField(blank=True, null=True)),
                        ('email_error', models.TextField(blank=True)),
                        ('batch', models.CharField(blank=True, db_index=True, max_length=40)),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'mentorship_notification',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['recipient', 'read_at'], name='notification_unread_idx'), models.Index(fields=['email_status'], name='notification_email_status_idx')],
                        'constraints': [models.UniqueConstraint(fields=('recipient', 'kind', 'item_key', 'period_key'), name='notification_once_per_recipient_item_period')],
                    },
                ),
    
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            partial(content_types_follow, old="mentorship", new="notifications", models=MODELS),
            partial(content_types_back, old="mentorship", new="notifications", models=MODELS),
        ),
    ]
