# ...then, once every relation points at ``succession``, the moved models leave this
# app's state. Their tables stay, now read by ``succession``.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0009_readiness_relations_move_out'),
        ('reports', '0002_relations_follow_readiness'),
        ('reviews', '0002_relations_follow_readiness'),
        ('succession', '0003_plan_moves_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='FollowUp',
                ),
                migrations.DeleteModel(
                    name='KeyPosition',
                ),
                migrations.DeleteModel(
                    name='PositionFill',
                ),
                migrations.DeleteModel(
                    name='ReadinessChange',
                ),
                migrations.DeleteModel(
                    name='SuccessorNomination',
                ),
            ],
            database_operations=[],
        ),
    ]
