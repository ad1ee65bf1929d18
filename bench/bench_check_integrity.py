"""How long does check_integrity take for 1,000 cited sources? Against the mock registries.

Every source has a DOI (one Crossref request each) and half have a PMID too
(efetch, 200 per request). One in ten is retracted, one in ten gets an
expression of concern and one in ten a correction, so 300 changes go through
the retraction flow (row lock, audit entries, flags, editors' mail).

Rate limits are lifted here: this measures our code. In production the
politeness floor dominates, and is printed: Crossref at
CROSSREF_REQUESTS_PER_SECOND and PubMed at 3 (10 with NCBI_API_KEY) requests
a second. The baseline, measured in the same run, is the same 1,000 Crossref
requests and PubMed batches made with a bare httpx.Client on the same mock
transport: the ratio is what check_integrity costs on top of the HTTP.

Usage: python bench/bench_check_integrity.py [REPEATS]   (or: make bench; REPEATS ≥ 5)
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

import httpx  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

from evidence.importers import http, pubmed  # noqa: E402
from evidence.integrity_check import check_integrity  # noqa: E402
from evidence.models import Citation, Claim, Source  # noqa: E402
from tests.factories import make_article  # noqa: E402
from tests.mock_registries import UNLIMITED, Registries  # noqa: E402

SOURCES = 1000
REPEATS = max(5, int(sys.argv[1]) if len(sys.argv) > 1 else 5)
TEMPLATES = {0: "10.5555/gc.zink-retracted", 1: "10.5555/gc.vezels-concern"}
TEMPLATES[2] = "10.5555/gc.kurkuma-correction"
CLEAN = "10.5555/gc.probiotica-rct"


def _registries():
    registries = Registries()
    for n in range(SOURCES):
        registries.add_copy(TEMPLATES.get(n % 10, CLEAN), doi=f"10.5555/bench.{n}")
        if n % 2:
            registries.add_pubmed_copy("90000001", pmid=str(91_000_000 + n))
    return registries


def _cited_sources():
    sources = Source.objects.bulk_create(
        Source(
            title=f"Benchstudie {n} (demo)",
            doi=f"10.5555/bench.{n}",
            pmid=str(91_000_000 + n) if n % 2 else None,
            design="rct",
            year=2020,
        )
        for n in range(SOURCES)
    )
    claims = []
    for a in range(50):
        article = make_article(title=f"Benchartikel {a}")
        claims += [
            Claim(article=article, key=f"claim-{c}", statement="Bewering.") for c in range(20)
        ]
    claims = Claim.objects.bulk_create(claims)
    Citation.objects.bulk_create(
        Citation(claim=claim, source=source, level="moderate")
        for claim, source in zip(claims, sources, strict=True)
    )


def _reset():
    Source.objects.update(integrity_status="none", integrity_notice="", integrity_checked_at=None)
    Citation.objects.update(concern_acknowledged=False)
    mail.outbox.clear()


def _check_integrity():
    report = check_integrity()
    assert report.checked == SOURCES and len(report.changed) == 300, report
    return report


def _bare_http(transport):
    """The same requests with nothing of ours around them."""
    with httpx.Client(transport=transport, base_url="https://api.crossref.org/") as client:
        for n in range(SOURCES):
            client.get(f"works/10.5555%2Fbench.{n}").json()
    pmids = [str(91_000_000 + n) for n in range(1, SOURCES, 2)]
    with httpx.Client(transport=transport, base_url=pubmed.BASE_URL) as client:
        for batch in pubmed.batches(pmids):
            client.get("efetch.fcgi", params={"db": "pubmed", "id": ",".join(batch)}).read()


def _median(func, before=None):
    samples = []
    for _ in range(REPEATS):
        if before:
            before()
        started = time.perf_counter()
        func()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main():
    registries = _registries()
    transport = httpx.MockTransport(registries)
    http.base_transport = lambda: transport
    http.limiter_for = lambda service, per_second: UNLIMITED
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    setup_test_environment(debug=False)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        _cited_sources()
        check_s = _median(_check_integrity, before=_reset)
        bare_s = _median(lambda: _bare_http(transport))
        crossref_rate = settings.SOURCE_IMPORT["CROSSREF_REQUESTS_PER_SECOND"]
        pubmed_requests = len(pubmed.batches(range(SOURCES // 2)))
        floor = SOURCES / crossref_rate + pubmed_requests / 3
        print(f"{SOURCES} cited sources (500 with a PMID), 300 changes through the retraction flow")
        print(f"repeats: {REPEATS} (median)")
        print(
            f"check_integrity():        median {check_s:.2f} s ({check_s / SOURCES * 1000:.2f} ms a source)"
        )
        print(
            f"baseline, bare HTTP:      median {bare_s:.2f} s (same requests, same mock transport)"
        )
        print(f"ratio check_integrity / bare HTTP: {check_s / bare_s:.1f}x")
        print(
            f"politeness floor in production: {floor:.0f} s "
            f"({SOURCES} Crossref requests at {crossref_rate}/s, {pubmed_requests} PubMed at 3/s)"
        )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
