"""How long does the claim linter take on a 5,000-word article?

The article is Markdown built from the demo articles' bodies and the development
table (headings, prose, lists, tables, callouts), at least 5,000 words. It uses
no held-out set, so timing the linter never shows a held-out text's findings.
Each step is timed as the median of RUNS runs after one warm-up, beside two
baselines measured in the same run: rendering the same body with Markdown and
the sanitizer (what every save already costs) and a bare str.split() over it.
Target (issue 8): lint() < 200 ms for 5,000 words.

Usage: python bench/bench_linter_speed.py [RUNS]   (or: make bench)
"""

import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from blog.demo.data import articles  # noqa: E402
from blog.rendering import render_markdown  # noqa: E402
from evidence import linter  # noqa: E402
from tests.linter_sets import development  # noqa: E402

RUNS = max(5, int(sys.argv[1]) if len(sys.argv) > 1 else 15)
WORDS = 5000


def _sections():
    rows, _levels = development()
    sentences = [text for text, _labels in rows["nl"] if not text.startswith(("#", "-", ">"))]
    paragraphs = [part for spec in articles() for part in spec["body"]["text"].split("\n\n")]
    for n in range(len(paragraphs)):
        yield paragraphs[n]
        yield " ".join(sentences[(n * 4) % len(sentences) :][:4])
        if n % 5 == 0:
            yield f"## Deel {n // 5 + 1}\n\n- Eerste punt\n- Tweede punt, dat ondersteunt je darmen"
            yield "| Vraag | Zekerheid |\n|---|---|\n| Zink en acne | matig |"
            yield "!!! weetje\n    Kefir is gefermenteerde melk. Het bevat veel soorten bacteriën."


def article(words=WORDS):
    parts, count = [], 0
    while count < words:
        for section in _sections():
            parts.append(section)
            count += len(section.split())
            if count >= words:
                break
    return "\n\n".join(parts)


def median_ms(func):
    func()  # warm-up: loads the lexicon and fills the lemma cache, as a running server has
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        func()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main():
    body = article()
    findings = linter.lint(body, "nl")
    lint_ms = median_ms(lambda: linter.lint(body, "nl"))
    analyse_ms = median_ms(lambda: linter.analyse(body, "nl"))
    analysis = linter.analyse(body, "nl")
    stored_ms = median_ms(lambda: linter.findings(body, analysis, {}))
    render_ms = median_ms(lambda: render_markdown(body))
    split_ms = median_ms(body.split)
    print(
        f"article: {len(body.split())} words, {len(analysis.sentences)} sentences, {len(findings)} findings"
    )
    print(f"runs: {RUNS} per step (median, after one warm-up)")
    print(f"lint() whole text:              median {lint_ms:8.2f} ms   (target < 200 ms)")
    print(f"  analyse() (stored on save):   median {analyse_ms:8.2f} ms")
    print(f"  findings() from stored:       median {stored_ms:8.2f} ms   (what the gate pays)")
    print(f"baseline render_markdown():     median {render_ms:8.2f} ms")
    print(f"baseline str.split():           median {split_ms:8.3f} ms")
    print(f"ratio lint / render_markdown:   {lint_ms / render_ms:.2f}x")
    verdict = "met" if lint_ms < 200 else "MISSED"
    print(f"target lint() < 200 ms for {WORDS} words: {verdict}")


if __name__ == "__main__":
    main()
