"""Precision and recall of the claim linter, per category and language, on both sets.

- development table (tests/linter_sets/development.toml): the sentences the
  lexicons were tuned on, so expect it near perfect;
- held-out set (tests/linter_sets/heldout_nl.toml): Dutch blog paragraphs written
  and committed before the lexicons, never tuned on. This is the honest figure.

A finding counts for the labelled sentence its offsets fall in. "Claim sentences"
are those labelled uncited_claim, research_appeal or forbidden_wording; one counts
as found when the linter reports any of those three for it.
Targets (issue 8, on the held-out set): claim-sentence recall >= 0.90,
forbidden-wording recall >= 0.95, precision >= 0.70.

Usage: python bench/bench_linter_quality.py   (or: make bench)
"""

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
from tests.linter_sets import development, heldout  # noqa: E402

CLAIM = frozenset({"uncited_claim", "research_appeal", "forbidden_wording"})


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


def _development_pairs(language):
    rows, levels = development()
    return [
        (labels, {f.category for f in lint(text, language, levels)})
        for text, labels in rows[language]
    ]


def _heldout_pairs():
    pairs = []
    for paragraph in heldout():
        text = paragraph[0].paragraph
        found = lint(text, "nl")
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


def _overall_precision(counts):
    tp = sum(counts[c]["tp"] for c in CATEGORIES)
    fp = sum(counts[c]["fp"] for c in CATEGORIES)
    return tp / (tp + fp) if tp + fp else 0.0


def _targets(counts):
    claim, forbidden = counts["claim sentences"], counts["forbidden_wording"]
    checks = [
        ("claim-sentence recall", claim["tp"] / (claim["tp"] + claim["fn"]), 0.90),
        ("forbidden-wording recall", forbidden["tp"] / (forbidden["tp"] + forbidden["fn"]), 0.95),
        ("precision, all findings", _overall_precision(counts), 0.70),
        ("precision, claim sentences", claim["tp"] / (claim["tp"] + claim["fp"]), 0.70),
    ]
    print("\n  targets on the held-out set:")
    for name, value, target in checks:
        verdict = "met" if value >= target else "MISSED"
        print(f"  {name:<28} {value:.2f}  (target >= {target:.2f}: {verdict})")


def main():
    for language in ("nl", "en"):
        pairs = _development_pairs(language)
        _table(f"development table, {language} ({len(pairs)} sentences, tuned on)", _score(pairs))
    pairs = _heldout_pairs()
    counts = _score(pairs)
    paragraphs = len(heldout())
    _table(
        f"held-out set, nl ({paragraphs} paragraphs, {len(pairs)} sentences, never tuned on)",
        counts,
    )
    _targets(counts)


if __name__ == "__main__":
    main()
