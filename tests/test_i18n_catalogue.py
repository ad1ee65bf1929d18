"""The Dutch catalogue is complete, compiled, and covers every string in the code."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import django
import polib
import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from audit.models import AuditEntry

ROOT = Path(__file__).resolve().parents[1]
NL_PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
NL_MO = NL_PO.with_suffix(".mo")


def _catalogue():
    return polib.pofile(str(NL_PO))


def test_every_dutch_entry_is_translated_and_none_is_fuzzy():
    catalogue = _catalogue()
    assert len(catalogue) > 500
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_source_catalogue():
    compiled = {(e.msgid, e.msgstr) for e in polib.mofile(str(NL_MO)) if not e.msgid_plural}
    source = {(e.msgid, e.msgstr) for e in _catalogue().translated_entries() if not e.msgid_plural}
    assert source <= compiled, "run `make messages` to recompile locale/nl"


def test_placeholders_survive_translation():
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
    for entry in _catalogue().translated_entries():
        if entry.msgid_plural:
            continue
        assert sorted(placeholder.findall(entry.msgid)) == sorted(
            placeholder.findall(entry.msgstr)
        ), entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext's xgettext")
def test_catalogue_holds_every_translatable_string_in_the_code(tmp_path):
    copy = tmp_path / "repo"
    ignore = shutil.ignore_patterns(".venv", "media", "staticfiles", "*.sqlite3*", ".git")
    shutil.copytree(ROOT, copy, ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "nl",
            "--no-obsolete",
            "--ignore=tests",
            "--ignore=bench",
            "--ignore=.venv",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/nl/LC_MESSAGES/django.po"))}
    known = {e.msgid for e in _catalogue()}
    assert sorted(fresh - known) == []


@pytest.mark.django_db
def test_pages_speak_dutch_by_default_and_english_after_switching(client):
    home = reverse("blog:home")
    assert "Naar de inhoud" in client.get(home).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": home})
    page = client.get(home).content.decode()
    assert "Naar de inhoud" not in page
    assert "Skip to content" in page


# What the Dutch admin shows beyond our own templates --------------------------------------

ADMIN_JS = Path(django.__file__).parent / "contrib" / "admin" / "static" / "admin" / "js"
JS_STRING = r"""(['"])((?:\\.|(?!\1).)*)\1"""
JS_CALLS = [
    re.compile(rf"\bpgettext\(\s*{JS_STRING}\s*,\s*{JS_STRING.replace('1', '3')}"),
    re.compile(rf"(?<![pn])\bgettext\(\s*{JS_STRING}"),
    re.compile(rf"\bngettext\(\s*{JS_STRING}"),
]


def _admin_js_strings():
    """(context, msgid) of every string Django's admin JavaScript translates."""
    found = set()
    for script in ADMIN_JS.rglob("*.js"):
        if "vendor" in script.parts:
            continue
        source = script.read_text()
        for match in JS_CALLS[0].finditer(source):
            found.add((match.group(2), match.group(4)))
        for pattern in JS_CALLS[1:]:
            found.update((None, match.group(2)) for match in pattern.finditer(source))
    return {(context, msgid.replace("\\'", "'").replace('\\"', '"')) for context, msgid in found}


@pytest.mark.django_db
def test_every_string_of_the_admin_javascript_is_dutch(client):
    client.force_login(User.objects.create_superuser("baas", "baas@example.test", "pw"))
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    strings = _admin_js_strings()
    assert len(strings) > 50
    missing = [
        msgid
        for context, msgid in strings
        if (f"{context}\x04{msgid}" if context else msgid) not in catalogue
    ]
    assert sorted(missing) == []
    assert catalogue["Choose all %s"] == "Alle %s kiezen"


def _admin_messages_with_a_model_name():
    catalogue = polib.mofile(
        str(ADMIN_JS.parents[2] / "locale" / "nl" / "LC_MESSAGES" / "django.mo")
    )
    return [
        e.msgid
        for e in catalogue
        if re.search(r"\{name\}|%\(name\)s", e.msgid) and not e.msgid_plural
    ]


def test_no_dutch_admin_message_puts_de_or_het_before_a_model_name():
    """'De {name}' reads 'De artikel': wrong for every het-word, so say it without an article."""
    with translation.override("nl"):
        wrong = [
            (msgid, translation.gettext(msgid))
            for msgid in _admin_messages_with_a_model_name()
            # "de %(name)s-toepassing" is fine: there the article belongs to "toepassing".
            if re.search(
                r"\b(?:De|de|Het|het) (?:\{name\}|%\(name\)s)(?!-)", translation.gettext(msgid)
            )
        ]
    assert wrong == []


def _recorded_actions():
    """Every action code the code base passes to the audit log."""
    pattern = re.compile(
        r"""(?:audit\.record\(\s*|\baction=)"([a-z_]+)"(?: if [^)]*? else "([a-z_]+)")?"""
    )
    actions = set()
    for source in ROOT.glob("*/**/*.py"):
        if ".venv" in source.parts or "tests" in source.parts or "migrations" in source.parts:
            continue
        for match in pattern.finditer(source.read_text()):
            actions.update(code for code in match.groups() if code)
    return actions - {"store_true"}


def test_every_audit_action_has_a_label_that_speaks_dutch():
    recorded = _recorded_actions()
    assert {"publish", "publish_scheduled", "withdraw", "comment_approve"} <= recorded
    assert sorted(recorded - set(AuditEntry.Action.values)) == []
    with translation.override("nl"):
        assert AuditEntry.Action("withdraw").label == "teruggetrokken"
