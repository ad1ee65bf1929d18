"""The audit log now belongs to the `audit` app; its table and rows stay where they are.

The model leaves blog's state (audit's 0001 took it over with the same table), and its
content type row moves to the `audit` label, so the permissions, group permissions and
admin log entries that point at it stay attached.
"""

from django.db import migrations


def move_content_type(apps, from_label, to_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label=from_label, model=model).first()
    if old is None:
        return  # a fresh database: content types are created after migrating
    # A partial migrate may already have created the new, empty row; the old one carries
    # the history, so it takes the place.
    ContentType.objects.filter(app_label=to_label, model=model).delete()
    old.app_label = to_label
    old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    move_content_type(apps, "blog", "audit", "auditentry")


def backwards(apps, schema_editor):
    move_content_type(apps, "audit", "blog", "auditentry")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0005_tags_from_prefetch_linter_audit_actions"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Its data migration still reads the log under its old label.
        ("evidence", "0004_source_url_web_only"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEntry")],
        ),
        migrations.RunPython(forwards, backwards),
    ]
