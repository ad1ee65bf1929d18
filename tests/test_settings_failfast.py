"""Production settings refuse to start without what they cannot safely guess."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SECRET = "a-long-random-test-secret-key-that-is-not-used-anywhere-0123456789-abcdef"


def _run(code, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE", "EMAIL_URL"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=clean, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip


def _import_settings(**env):
    return _run("import config.settings", **env)


def _last_line(result):
    return result.stderr.strip().splitlines()[-1]


def test_production_without_secret_key_stops_with_a_clear_sentence():
    result = _import_settings(DEBUG="0", ALLOWED_HOSTS="gutcheck.example")
    assert result.returncode != 0
    assert _last_line(result).endswith("SECRET_KEY must be set when DEBUG=0.")


def test_production_without_allowed_hosts_stops_with_a_clear_sentence():
    result = _import_settings(DEBUG="0", SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG=0" in _last_line(result)


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "gutcheck.example",
    "EMAIL_URL": "submission://gutcheck:geheim@mail.gutcheck.example:587",
}


def test_production_with_all_three_set_starts():
    result = _import_settings(**PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_development_needs_no_environment_at_all():
    result = _import_settings()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["0", "false", "no", "off"])
def test_every_spelling_of_off_counts_as_production(value):
    assert _import_settings(DEBUG=value, ALLOWED_HOSTS="x.example").returncode != 0


def test_deploy_check_is_clean_in_production():
    result = _run(
        "import sys, django; from django.core.management import call_command;"
        "django.setup(); call_command('check', '--deploy', '--fail-level', 'WARNING')",
        **PRODUCTION, DJANGO_SETTINGS_MODULE="config.settings",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
