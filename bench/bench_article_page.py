"""How expensive is a published article page, compared with the cheapest Django view?

Both are served in one run by the same test client against a throwaway database,
so machine speed cancels out of the ratio. Also prints how many SQL queries the
article page makes (the read path serves the stored snapshot: it must stay small
and must not grow with the number of authors, tags or claims).

Usage: python bench/bench_article_page.py [REQUESTS]   (or: make bench)
"""

import os
import statistics
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
warnings.filterwarnings("ignore", message="No directory at")  # staticfiles/ before collectstatic

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.urls import include, path  # noqa: E402

REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 300
WARMUP = 20
BODY = "\n\n".join(
    f"## Deel {n}\n\nIn dit deel lees je welke vezels in havermout, peulvruchten en groente zitten. "
    * 3
    + "\n\n!!! weetje\n    Havermout bevat bètaglucaan.\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    for n in range(12)
)


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/trivial/", trivial), path("", include("config.urls"))]


def _published_article():
    from tests.factories import make_author, make_published_article, make_staff, make_topic

    editor = make_staff("bench-editor", perms=["blog.publish_article"])
    return make_published_article(
        by=editor,
        title="Vezels en je darmflora",
        lead="Wat weten we over vezels en darmbacteriën?",
        body=BODY,
        topic=make_topic(name="Darmen", slug="darmen"),
        authors=[make_author(), make_author()],
        tags=["vezels", "voeding", "darmflora"],
    )


def _time(client, url):
    for _ in range(WARMUP):
        assert client.get(url).status_code == 200, url
    samples = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - started)
    return samples


def _report(article_url, article_samples, trivial_samples, queries):
    article_ms = statistics.median(article_samples) * 1000
    trivial_ms = statistics.median(trivial_samples) * 1000
    print(f"requests per view:        {REQUESTS} (after {WARMUP} warm-up)")
    print(f"article page {article_url}: median {article_ms:.2f} ms")
    print(f"trivial view:             median {trivial_ms:.2f} ms")
    print(f"ratio article / trivial:  {article_ms / trivial_ms:.1f}x")
    print(f"SQL queries, article page (anonymous reader): {len(queries)}")
    for query in queries:
        print(f"  - {query['sql'][:110]}")


def main():
    settings.DATABASES["default"].setdefault("TEST", {})["MIGRATE"] = False  # no migrations yet
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    setup_test_environment(debug=False)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        with override_settings(ROOT_URLCONF=__name__, MEDIA_ROOT="/tmp/gutcheck-bench-media"):
            article_url = _published_article().get_absolute_url()
            client = Client()
            with CaptureQueriesContext(connection) as queries:
                client.get(article_url)
            captured = list(queries.captured_queries)  # later requests reset the query log
            trivial_samples = _time(client, "/bench/trivial/")
            article_samples = _time(client, article_url)
            _report(article_url, article_samples, trivial_samples, captured)
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
