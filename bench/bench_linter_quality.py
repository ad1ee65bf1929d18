"""Precision and recall of the claim linter, per category and language, on each set.

- development table (tests/linter_sets/development.toml): the sentences the
  lexicons were tuned on, so expect it near perfect;
- held-out sets: every tests/linter_sets/heldout*.toml file, each reported on
  its own (a new file is picked up without code changes). They are paragraphs
  written apart from the lexicons and never tuned on. These are the honest figures.

A finding counts for the labelled sentence its offsets fall in. "Claim sentences"
are those labelled uncited_claim, research_appeal or forbidden_wording; one counts
as found when the linter reports any of those three for it.
Targets (issue 8, on held-out prose): claim-sentence recall >= 0.90,
forbidden-wording recall >= 0.95, precision >= 0.70.

Usage: python bench/bench_linter_quality.py [--sets NAME[,NAME…]] [--list] [--misses]
  (or: make bench). NAME is "development" or a held-out file's name without .toml
  (e.g. heldout_nl); without --sets every set runs. While tuning, run only
  --sets development; --misses then lists the development rows the linter gets
  wrong. It never lists held-out sentences: those sets are for measuring only.
"""

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from evidence.linter import CATEGORIES, lint  # noqa: E402
from tests.linter_sets import development, heldout_paths, read_heldout  # noqa: E402

CLAIM = frozenset({"uncited_claim", "research_appeal", "forbidden_wording"})
DEVELOPMENT = "development"


def _score(pairs):
    """pairs: (expected labels, found labels) per sentence → per-category and claim counts."""
    counts = {c: Counter() for c in (*CATEGORIES, "claim sentences")}
    for expected, found in pairs:
        for category in CATEGORIES:
            _count(counts[category], category in expected, category in found)
        _count(counts["claim sentences"], bool(expected & CLAIM), bool(found & CLAIM))
    return counts


def _count(counter, expected, found):
    counter["tp" if expected and found else "fp" if found else "fn" if expected else "tn"] += 1


def _development_rows(language):
    rows, levels = development()
    return [
        (text, labels, {f.category for f in lint(text, language, levels)})
        for text, labels in rows[language]
    ]


def _heldout_pairs(language, paragraphs):
    pairs = []
    for paragraph in paragraphs:
        text = paragraph[0].paragraph
        found = lint(text, language)
        claimed = set()
        for sentence in paragraph:
            end = sentence.start + len(sentence.text)
            hits = [f for f in found if f.start < end and f.end > sentence.start]
            claimed.update(id(f) for f in hits)
            pairs.append((sentence.labels, {f.category for f in hits}))
        # A finding on text no label covers is a false positive of its own.
        pairs += [(frozenset(), {f.category}) for f in found if id(f) not in claimed]
    return pairs


def _ratio(a, b):
    return f"{a / b:.2f}" if b else "  - "


def _table(title, counts):
    print(f"\n{title}")
    print(
        f"  {'category':<22} {'n':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"
    )
    for category, c in counts.items():
        n = c["tp"] + c["fn"]
        precision, recall = _ratio(c["tp"], c["tp"] + c["fp"]), _ratio(c["tp"], n)
        print(
            f"  {category:<22} {n:>4} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {precision:>9} {recall:>7}"
        )


def _fraction(tp, other):
    return tp / (tp + other) if tp + other else None


def _targets(name, counts):
    claim, forbidden = counts["claim sentences"], counts["forbidden_wording"]
    all_tp = sum(counts[c]["tp"] for c in CATEGORIES)
    all_fp = sum(counts[c]["fp"] for c in CATEGORIES)
    checks = [
        ("claim-sentence recall", _fraction(claim["tp"], claim["fn"]), 0.90),
        ("forbidden-wording recall", _fraction(forbidden["tp"], forbidden["fn"]), 0.95),
        ("precision, all findings", _fraction(all_tp, all_fp), 0.70),
        ("precision, claim sentences", _fraction(claim["tp"], claim["fp"]), 0.70),
    ]
    print(f"\n  targets on {name}:")
    for label, value, target in checks:
        if value is None:
            print(f"  {label:<28}    -  (target >= {target:.2f}: nothing to measure)")
            continue
        verdict = "met" if value >= target else "MISSED"
        print(f"  {label:<28} {value:.2f}  (target >= {target:.2f}: {verdict})")


def available():
    """{set name: path or None for the development table}, in report order."""
    return {DEVELOPMENT: None, **{path.stem: path for path in heldout_paths()}}


def _run_development(misses):
    for language in ("nl", "en"):
        rows = _development_rows(language)
        pairs = [(labels, found) for _text, labels, found in rows]
        _table(f"development table, {language} ({len(pairs)} sentences, tuned on)", _score(pairs))
        if misses:
            _misses(rows)


def _misses(rows):
    wrong = [(text, labels, found) for text, labels, found in rows if set(labels) != found]
    print(f"\n  rows the linter gets wrong ({len(wrong)}):")
    for text, labels, found in wrong:
        expected = "+".join(sorted(labels)) or "-"
        print(f"  {text}\n      expected {expected}, found {'+'.join(sorted(found)) or '-'}")


def _run_heldout(name, path):
    language, paragraphs = read_heldout(path)
    pairs = _heldout_pairs(language, paragraphs)
    counts = _score(pairs)
    _table(
        f"held-out set {name}, {language} ({len(paragraphs)} paragraphs, "
        f"{len(pairs)} sentences, never tuned on)",
        counts,
    )
    _targets(name, counts)


def _arguments(argv, sets):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", help="comma-separated set names (default: every set)")
    parser.add_argument("--list", action="store_true", help="list the set names and stop")
    parser.add_argument(
        "--misses", action="store_true", help="list the development rows the linter gets wrong"
    )
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.sets.split(",") if s.strip()] if args.sets else list(sets)
    unknown = [name for name in chosen if name not in sets]
    if unknown:
        parser.error(f"unknown set(s) {', '.join(unknown)}; choose from {', '.join(sets)}")
    return args, chosen


def main(argv=None):
    sets = available()
    args, chosen = _arguments(argv, sets)
    if args.list:
        print("\n".join(sets))
        return 0
    for name in chosen:
        if sets[name] is None:
            _run_development(args.misses)
        else:
            _run_heldout(name, sets[name])
    return 0


if __name__ == "__main__":
    sys.exit(main())
