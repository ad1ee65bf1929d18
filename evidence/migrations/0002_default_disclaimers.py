"""Every installation starts with the default disclaimers and the rules that require them."""

from django.db import migrations

from evidence.defaults import ensure_default_disclaimers, remove_default_disclaimers


def create_defaults(apps, schema_editor):
    ensure_default_disclaimers(
        apps.get_model("evidence", "Disclaimer"), apps.get_model("evidence", "DisclaimerRule")
    )


def remove_defaults(apps, schema_editor):
    remove_default_disclaimers(
        apps.get_model("evidence", "Disclaimer"), apps.get_model("evidence", "DisclaimerRule")
    )


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, remove_defaults)]
