"""manage.py import_sources: files and identifiers from the command line."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from evidence.models import Source
from tests.mock_registries import FIXTURES

pytestmark = pytest.mark.django_db

TWENTY = str(FIXTURES / "files" / "twenty-records.ris")
PROJECT = Path(__file__).resolve().parents[1]


def run(*args, answer=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if monkeypatch is not None:

        def reply(question):
            out.write(question)
            if answer is None:
                raise EOFError
            return answer

        monkeypatch.setattr("builtins.input", reply)
    call_command("import_sources", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_twenty_ris_records_with_yes_are_all_saved():
    out, _err = run(TWENTY, "--yes")
    assert Source.objects.count() == 20
    assert "Samenvatting: 20 nieuw, 0 dubbel, 0 ongeldig." in out
    assert "20 nieuwe bron(nen) opgeslagen" in out
    first = Source.objects.get(doi="10.5555/demo.ris-01")
    assert (first.title, first.design, first.year) == (
        "Probiotica en acne bij adolescenten (demo)",
        "rct",
        2011,
    )


def test_a_second_run_finds_only_duplicates_and_saves_nothing_twice():
    run(TWENTY, "--yes")
    out, _err = run(TWENTY, "--yes")
    assert "Samenvatting: 0 nieuw, 20 dubbel, 0 ongeldig." in out
    assert "Niets nieuws om te importeren." in out
    assert Source.objects.count() == 20


def test_dry_run_reports_and_saves_nothing():
    out, _err = run(TWENTY, "--dry-run")
    assert "Samenvatting: 20 nieuw" in out and "Proefdraai: er is niets opgeslagen." in out
    assert "onderzoeksopzet: gerandomiseerde studie (RCT)" in out  # each proposal is shown
    assert not Source.objects.exists()


def test_it_asks_first_and_saves_only_on_yes(monkeypatch):
    out, _err = run(TWENTY, monkeypatch=monkeypatch, answer="n")
    assert "20 nieuwe bron(nen) importeren? [j/N]" in out
    assert "Er is niets opgeslagen." in out and not Source.objects.exists()
    run(TWENTY, monkeypatch=monkeypatch, answer="j")
    assert Source.objects.count() == 20


def test_without_a_terminal_and_without_yes_it_refuses(monkeypatch):
    with pytest.raises(CommandError, match="Gebruik --yes"):
        run(TWENTY, monkeypatch=monkeypatch)
    assert not Source.objects.exists()


def test_identifiers_are_fetched_and_saved(registries):
    out, _err = run("https://doi.org/10.5555/gc.probiotica-rct", "PMID:", "90000007", "--yes")
    assert sorted(Source.objects.values_list("pmid", "design")) == [
        ("90000001", "rct"),
        ("90000007", "case_report"),
    ]
    assert "Samenvatting: 2 nieuw" in out


def test_files_and_identifiers_together(registries):
    run(str(FIXTURES / "files" / "unterminated.ris"), "10.5555/gc.muizen", "--yes")
    assert Source.objects.count() == 2


def test_nothing_valid_exits_non_zero_with_each_reason(registries):
    with pytest.raises(CommandError, match="Niets geldigs om te importeren") as failed:
        run("10.5555/bestaat-niet", "--yes")
    assert failed.value.returncode == 1


def test_no_network_is_reported_and_nothing_saved(registries):
    registries.offline = True
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_sources", "10.5555/gc.muizen", "--yes", stdout=out)
    assert "Kon Crossref niet bereiken (ConnectError)" in out.getvalue()
    assert not Source.objects.exists()


@pytest.mark.parametrize("name", ["latin1.ris", "malformed.json", "notes.txt"])
def test_a_file_that_cannot_be_read_stops_the_command(name):
    with pytest.raises(CommandError, match=name):
        run(str(FIXTURES / "files" / name), "--yes")
    assert not Source.objects.exists()


def test_the_real_command_exits_1_with_a_sentence(tmp_path):
    env = {**os.environ, "SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_sources", "ontbreekt.ris", "--dry-run"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "ontbreekt.ris" in result.stderr
