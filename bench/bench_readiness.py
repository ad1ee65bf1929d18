"""How long does the gate take on a big article? readiness() with 100 claims, 2–3 citations each.

Runs against a throwaway test database. As a yardstick it also times a trivial
query (one indexed row lookup) in the same run, so machine speed cancels out
of the ratio, and it prints the gate's query count, which must not depend on
the number of claims. The publish-time rendering (render_evidence) is timed too.

Usage: python bench/bench_readiness.py [REPEATS]   (or: make bench)
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

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
CLAIMS = 100
DESIGNS = ["sr_rct", "rct", "cohort", "case_control", "cross_sectional", "animal"]


def _article():
    from evidence.assessment import attach_required
    from evidence.defaults import ensure_default_disclaimers
    from evidence.models import Citation, Claim, Source
    from tests.factories import make_article

    ensure_default_disclaimers()
    body = "\n\n".join(f"Bewering nummer {i} [[claim:claim-{i}]]." for i in range(CLAIMS))
    article = make_article(title="Honderd claims", body=body)
    sources = [
        Source.objects.create(
            title=f"Studie {i}",
            doi=f"10.5555/bench.{i}",
            design=DESIGNS[i % len(DESIGNS)],
            population="animals" if DESIGNS[i % len(DESIGNS)] == "animal" else "humans",
        )
        for i in range(60)
    ]
    for i in range(CLAIMS):
        claim = Claim.objects.create(
            article=article, key=f"claim-{i}", statement=f"Bewering {i}.", category="association"
        )
        for j in range(2 + i % 2):  # 2 or 3 citations
            role = "contradicts" if j == 2 else "supports"
            Citation.objects.create(claim=claim, source=sources[(i + j * 7) % 60], role=role)
    attach_required(article)
    return article


def _median_ms(func):
    func()  # warm-up
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        func()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main():
    from blog.models import Article
    from evidence.publication import render_evidence
    from evidence.readiness import readiness

    settings.DATABASES["default"].setdefault("TEST", {})["MIGRATE"] = False  # no migrations yet
    setup_test_environment(debug=False)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        article = _article()
        with CaptureQueriesContext(connection) as queries:
            problems = readiness(article)
        gate_ms = _median_ms(lambda: readiness(article))
        render_ms = _median_ms(lambda: render_evidence(article))
        trivial_ms = _median_ms(lambda: Article.objects.filter(pk=article.pk).exists())
        citations = sum(claim.citations.count() for claim in article.claims.all())
        print(f"article: {CLAIMS} claims, {citations} citations; {len(problems)} problem(s)")
        print(f"repeats: {REPEATS} (median, after one warm-up)")
        print(f"readiness():           median {gate_ms:.2f} ms, {len(queries)} SQL queries")
        print(f"render_evidence():     median {render_ms:.2f} ms (publish time only)")
        print(f"trivial query:         median {trivial_ms:.3f} ms")
        print(f"ratio readiness / trivial query: {gate_ms / trivial_ms:.0f}x")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
