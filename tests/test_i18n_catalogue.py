"""The Dutch catalogue is complete, compiled, and covers every string in the code."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.urls import reverse

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
    import re

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
