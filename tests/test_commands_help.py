"""`manage.py <command> --help` works for every command of the project."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[1]


def _project_commands():
    ours = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT)
        and ".venv" not in Path(config.path).relative_to(ROOT).parts
    }
    return sorted((app, name) for name, app in get_commands().items() if app in ours)


def test_the_project_has_its_commands():
    names = {name for _app, name in _project_commands()}
    assert {"seed_demo", "publish_scheduled", "purge_moderated", "erase_commenter"} <= names
    assert {"export_commenter", "setup_roles"} <= names


@pytest.mark.parametrize(("app", "name"), _project_commands())
def test_help_prints_the_commands_description_and_options(app, name):
    command = load_command_class(app, name)
    text = command.create_parser("manage.py", name).format_help()
    assert text.startswith(f"usage: manage.py {name}")
    assert str(command.help).split()[0] in text
    assert "--verbosity" in text
