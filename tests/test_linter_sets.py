"""The linter's evaluation sets: every held-out file is found and read, and the quality bench
runs only the sets asked for."""

import importlib.util
from pathlib import Path

import pytest

from tests import linter_sets

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_linter_quality.py"
PARAGRAPH = '[[paragraph]]\ns = [\n  ["## Kop", ""],\n  ["Zink vermindert acne.", "uncited_claim"],\n  ["Een zin.", ""],\n]\n'


@pytest.fixture
def sets_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(linter_sets, "HERE", tmp_path)
    (tmp_path / "development.toml").write_text("nl = []\nen = []\n[levels]\n")
    return tmp_path


def _bench():
    spec = importlib.util.spec_from_file_location("bench_linter_quality", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_heldout_file_is_a_set_of_its_own(sets_dir):
    for name in ("heldout_nl.toml", "heldout_blind_nl.toml", "heldout2.toml", "notes.toml"):
        (sets_dir / name).write_text(PARAGRAPH)
    assert [p.name for p in linter_sets.heldout_paths()] == [
        "heldout2.toml",
        "heldout_blind_nl.toml",
        "heldout_nl.toml",
    ]


@pytest.mark.parametrize(
    ("name", "text", "language"),
    [
        ("heldout_en.toml", PARAGRAPH, "en"),
        ("heldout_b.toml", 'language = "en"\n' + PARAGRAPH, "en"),
        ("heldout_b.toml", PARAGRAPH, "nl"),
    ],
)
def test_a_sets_language_comes_from_its_key_or_its_name(sets_dir, name, text, language):
    (sets_dir / name).write_text(text)
    assert linter_sets.read_heldout(sets_dir / name)[0] == language


def test_sentences_of_a_paragraph_keep_their_offsets(sets_dir):
    (sets_dir / "heldout_nl.toml").write_text(PARAGRAPH)
    _language, [paragraph] = linter_sets.read_heldout(sets_dir / "heldout_nl.toml")
    for sentence in paragraph:
        assert sentence.paragraph[sentence.start :].startswith(sentence.text)
    assert [s.labels for s in paragraph] == [frozenset(), {"uncited_claim"}, frozenset()]


def test_the_bench_lists_the_sets_and_refuses_an_unknown_one(sets_dir, capsys):
    (sets_dir / "heldout_nl.toml").write_text(PARAGRAPH)
    (sets_dir / "heldout_blind.toml").write_text(PARAGRAPH)
    bench = _bench()
    assert bench.main(["--list"]) == 0
    assert capsys.readouterr().out.split() == ["development", "heldout_blind", "heldout_nl"]
    with pytest.raises(SystemExit) as refused:
        bench.main(["--sets", "development,heldout_x"])
    assert refused.value.code == 2
    assert "unknown set(s) heldout_x" in capsys.readouterr().err


def test_the_bench_runs_only_the_chosen_set(sets_dir, capsys):
    (sets_dir / "heldout_nl.toml").write_text(PARAGRAPH)
    (sets_dir / "heldout_blind.toml").write_text(PARAGRAPH)
    assert _bench().main(["--sets", "heldout_blind"]) == 0
    out = capsys.readouterr().out
    assert "held-out set heldout_blind, nl (1 paragraphs, 3 sentences" in out
    assert "heldout_nl" not in out and "development table" not in out
