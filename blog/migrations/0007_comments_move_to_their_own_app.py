"""Reader comments now belong to the `comments` app; their tables and rows stay put.

The models leave blog's state (comments' 0001 took them over with the same tables), and
their content type rows move to the `comments` label, so the permissions (moderators'
included), group permissions, admin log entries and audit entries about a submission
stay attached.
"""

from django.db import migrations

MODELS = ("comment", "moderationword", "moderatoralert")


def move_content_types(apps, from_label, to_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=from_label, model=model).first()
        if old is None:
            continue  # a fresh database: content types are created after migrating
        # A partial migrate may already have created the new, empty row; the old one
        # carries the history, so it takes the place.
        ContentType.objects.filter(app_label=to_label, model=model).delete()
        old.app_label = to_label
        old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    move_content_types(apps, "blog", "comments")


def backwards(apps, schema_editor):
    move_content_types(apps, "comments", "blog")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0006_audit_moves_to_its_own_app"),
        ("comments", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Comment"),
                migrations.DeleteModel(name="ModerationWord"),
                migrations.DeleteModel(name="ModeratorAlert"),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
