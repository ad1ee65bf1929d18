"""Mail settings come from EMAIL_URL; production must choose where mail goes.

The console backend prints every message, recipients and private withdraw links included,
into the server log. Development defaults to it; with DEBUG=0 the site refuses to start
until EMAIL_URL says where mail goes ("console:" stays possible as an explicit choice).
"""

import json
import smtplib

import pytest

from blog.workflow import integrity, notify
from tests.factories import make_source
from tests.test_settings_failfast import PRODUCTION, _import_settings, _last_line, _run

MAIL_SETTINGS = (
    "import json, config.settings as s; print(json.dumps({k: getattr(s, k) for k in "
    "['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', "
    "'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'EMAIL_TIMEOUT']}))"
)
EMAIL = "noor@example.test"


def _mail_settings(**env):
    result = _run(MAIL_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_without_email_url_stops_with_a_clear_sentence():
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_URL"}
    result = _import_settings(**env)
    assert result.returncode != 0
    assert "EMAIL_URL must be set when DEBUG=0" in _last_line(result)


def test_an_smtp_url_configures_host_port_login_and_starttls():
    mail = _mail_settings(**PRODUCTION)
    assert mail == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.gutcheck.example",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "gutcheck",
        "EMAIL_HOST_PASSWORD": "geheim",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


def test_console_in_production_is_an_explicit_choice():
    mail = _mail_settings(**{**PRODUCTION, "EMAIL_URL": "console:"})
    assert mail["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_development_defaults_to_the_console():
    mail = _mail_settings()
    assert mail["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_a_misspelt_scheme_stops_with_a_clear_sentence():
    result = _import_settings(**{**PRODUCTION, "EMAIL_URL": "smpt://mail.example:25"})
    assert result.returncode != 0
    assert "EMAIL_URL starts with an unknown scheme ('smpt')" in _last_line(result)


def _refused(*args, **kwargs):
    raise smtplib.SMTPRecipientsRefused({EMAIL: (550, b"5.1.1 <noor@example.test> unknown")})


@pytest.mark.django_db
def test_a_refused_workflow_mail_logs_neither_addresses_nor_the_body(monkeypatch, caplog, settings):
    settings.EDITORS_EMAIL = [EMAIL]
    monkeypatch.setattr(notify, "send_mail", _refused)
    notify.send("Ter beoordeling: Vezels", "Geheime inhoud van de mail", [EMAIL])
    assert "Ter beoordeling: Vezels" in caplog.text
    assert EMAIL not in caplog.text and "Geheime inhoud" not in caplog.text


@pytest.mark.django_db
def test_a_refused_retraction_alert_logs_no_address(
    monkeypatch, caplog, settings, django_capture_on_commit_callbacks
):
    settings.EDITORS_EMAIL = [EMAIL]
    monkeypatch.setattr(integrity, "send_mail", _refused)
    source = make_source()
    with django_capture_on_commit_callbacks(execute=True):
        source.set_integrity("retracted", "Ingetrokken door het tijdschrift.")
    assert "Could not email editors" in caplog.text and EMAIL not in caplog.text
