"""manage.py lint_text and lint_articles: the JSON contract, exit statuses and clear errors."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from blog.workflow import triage
from evidence import linter
from evidence.linter import CATEGORIES
from evidence.models import Dismissal
from tests.factories import make_article

PASTED = (
    "## Darmkuur voor een stralende huid\r\n\r\n"
    "Probiotica 💊 versterken je immuunsysteem. Uit onderzoek blijkt dat kurkuma psoriasis geneest!\r\n"
    "- Wondermiddel: gegarandeerd resultaat\r\n\r\n"
    "Wat is acne eigenlijk?\r\n"
)


def _run(*args):
    out = io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=io.StringIO())
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_lint_text_prints_the_json_contract_with_code_point_offsets(tmp_path):
    path = tmp_path / "geplakt.md"
    path.write_bytes(PASTED.encode("utf-8"))
    status, out = _run("lint_text", str(path), "--lang", "nl", "--format", "json")
    assert status == 0
    findings = json.loads(out)["findings"]
    assert {f["category"] for f in findings} == {
        "uncited_claim",
        "research_appeal",
        "forbidden_wording",
        "hype",
    }
    for finding in findings:
        assert set(finding) == {"sentence", "category", "suggestion", "start", "end"}
        assert PASTED[finding["start"] : finding["end"]] == finding["sentence"]
        assert finding["category"] in CATEGORIES and finding["suggestion"]
    pairs = [(f["sentence"], f["category"]) for f in findings]
    assert len(pairs) == len(set(pairs))  # at most one finding per sentence and category
    assert not any("Wat is acne" in f["sentence"] for f in findings)


def test_lint_text_speaks_english_for_english_text(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("Turmeric cures psoriasis.", encoding="utf-8")
    _status, out = _run("lint_text", str(path), "--lang", "en", "--format", "json")
    [forbidden, _uncited] = json.loads(out)["findings"]
    assert forbidden["category"] == "forbidden_wording" and "may reduce" in forbidden["suggestion"]


def test_lint_text_in_text_format_gives_line_and_column(tmp_path):
    path = tmp_path / "geplakt.md"
    path.write_text("Gewone zin.\nZink voorkomt acne.\n", encoding="utf-8")
    _status, out = _run("lint_text", str(path), "--lang", "nl")
    assert "2:1 forbidden_wording" in out and "Zink voorkomt acne." in out


def test_lint_text_refuses_a_missing_or_non_utf8_file_with_a_sentence(tmp_path):
    with pytest.raises(CommandError, match="niet gevonden") as missing:
        call_command("lint_text", str(tmp_path / "weg.md"), "--lang", "nl")
    assert missing.value.returncode == 2
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Crème geneest eczeem.".encode("latin-1"))
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("lint_text", str(latin), "--lang", "nl")


def test_lint_text_refuses_an_unknown_language(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("Tekst.", encoding="utf-8")
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("lint_text", str(path), "--lang", "de")


@pytest.mark.django_db
def test_lint_articles_exits_1_while_a_blocking_finding_is_open_and_0_once_triaged(editor):
    article = make_article(slug="kefir", body="Kefir ondersteunt je darmen.")
    make_article(slug="schoon", body="Havermout is een ontbijt.")
    status, out = _run("lint_articles", "--format", "json")
    report = json.loads(out)
    assert status == 1 and report["open_blocking"] == 1
    [kefir] = [a for a in report["articles"] if a["slug"] == "kefir"]
    assert kefir["findings"][0]["state"] == "open"
    assert kefir["findings"][0]["sentence"] == "Kefir ondersteunt je darmen."
    [row] = [f for f in linter.lint(article.body, "nl")]
    triage.dismiss(
        article,
        category=row.category,
        sentence_hash=row.sentence_hash,
        reason=Dismissal.Reason.DEFINITION,
        by=editor,
    )
    status, out = _run("lint_articles", "--slug", "kefir")
    assert status == 0 and "[dismissed]" in out


@pytest.mark.django_db
def test_lint_articles_refuses_an_unknown_slug():
    with pytest.raises(CommandError, match="geen-artikel") as refused:
        call_command("lint_articles", "--slug", "geen-artikel", stdout=io.StringIO())
    assert refused.value.returncode == 2
