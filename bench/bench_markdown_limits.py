"""How long can one save keep a worker busy? The worst render time per pathological family.

For each family of generated input (the same families tests/test_rendering_limits.py
uses) at 2,000, 20,000 and 200,000 characters, times what saving an article runs:
rendering.source_problems() (limits checked first, then the bounded render). Prints the
worst time per family, what the editor is told, and the ratio to an ordinary article of
the same length measured in the same run. Reader comments (plain text, at most 5,000
characters) get the same treatment with rendering.render_plain_text().

The limit in force is printed first; the worst case of any family must stay near it.

Usage: python bench/bench_markdown_limits.py   (or: make bench)
"""

import os
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SIZES = [2_000, 20_000, 200_000]
COMMENT_SIZE = 5_000
ORDINARY = (
    "## Vezels en darmbacteriën\n\nVezels voeden de bacteriën in je dikke darm. "
    "Zie ook [het voedingscentrum](https://example.org/vezels) en *haver* of **rogge**.\n\n"
    "- volkoren brood\n- peulvruchten\n    - linzen\n\n> Een citaat uit een studie.\n\n"
    "| soort | gram |\n|---|---|\n| haver | 10 |\n\n"
)


def _setup():
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def _timed(function, text):
    started = time.perf_counter()
    outcome = function(text)
    return time.perf_counter() - started, outcome


def _label(problems):
    return problems[0][0] if problems else "rendered"


def _article_families(families, rendering, repeat):
    print(f"{'family':24} {'worst':>8} {'at size':>9} {'ordinary':>9} {'ratio':>7}  outcome")
    ordinary = {
        size: _timed(rendering.source_problems, repeat(ORDINARY, size))[0] for size in SIZES
    }
    for name, build in families.items():
        runs = [(size, *_timed(rendering.source_problems, build(size))) for size in SIZES]
        size, worst, problems = max(runs, key=lambda run: run[1])
        print(
            f"{name:24} {worst:7.2f}s {size:9,} {ordinary[size]:8.2f}s "
            f"{worst / ordinary[size]:6.1f}x  {_label(problems)}"
        )
    return max(ordinary.values())


def _comment_families(families, rendering, repeat):
    print(f"\nreader comments at {COMMENT_SIZE:,} characters (plain text, linked URLs)")
    ordinary, _html = _timed(
        rendering.render_plain_text,
        repeat("Helpt kefir? Zie https://example.org/a. ", COMMENT_SIZE),
    )
    for name, build in families.items():
        elapsed, _html = _timed(rendering.render_plain_text, build(COMMENT_SIZE))
        print(f"{name:24} {elapsed * 1000:7.1f} ms  ({elapsed / ordinary:5.1f}x ordinary)")


def main():
    _setup()
    from blog import rendering
    from tests.test_rendering_limits import FAMILIES, _repeat

    print(
        f"time limit: {rendering.render_seconds('')} s + per 1,000 characters; "
        f"200,000 characters: {rendering.render_seconds('x' * 200_000)} s"
    )
    rendering.source_problems("warm up the render helper")
    _article_families(FAMILIES, rendering, _repeat)
    _comment_families(FAMILIES, rendering, _repeat)


if __name__ == "__main__":
    main()
