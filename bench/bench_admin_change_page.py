"""How heavy is the article change page in the admin on the demo's largest article?

Loads the demo (seed_demo) into a throwaway database, logs in as the demo editor and
measures, on the article with the longest body:
- the SQL queries of one GET of its change page (target: at most 20), listed by table;
- the server time of opening it (GET) and of saving it unchanged (POST, as the browser
  sends the form), each the median of RUNS runs (target: under 300 ms for opening);
- beside them, the same median for the admin's topic change page, a plain ModelAdmin
  page, as the baseline measured in the same run.

Usage: python bench/bench_admin_change_page.py [RUNS]   (or: make bench)
"""

import re
import statistics
import sys
import time
from collections import Counter

from demo_site import demo_database  # first: it makes Django ready
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Article, Topic
from tests.test_admin_articles import _form_data

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
WARMUP = 2
QUERY_BUDGET = 20
TIME_BUDGET_MS = 300


def _median_ms(action):
    for _ in range(WARMUP):
        action()
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, min(samples) * 1000, max(samples) * 1000


def _tables(queries):
    names = Counter()
    for query in queries:
        match = re.search(r'FROM "?(\w+)"?', query["sql"])
        names[match.group(1) if match else query["sql"][:30]] += 1
    return names


def _largest_article():
    return max(Article.objects.all(), key=lambda article: len(article.body))


def measure(client, article):
    change = reverse("admin:blog_article_change", args=[article.pk])
    topic = reverse("admin:blog_topic_change", args=[Topic.objects.first().pk])
    assert client.get(change).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(change)
    captured = list(queries.captured_queries)

    def save():
        response = client.post(change, _form_data(client.get(change)))
        if response.status_code != 302:
            form = response.context["adminform"].form
            raise SystemExit(f"saving was refused ({response.status_code}): {form.errors}")

    opening = _median_ms(lambda: client.get(change))
    baseline = _median_ms(lambda: client.get(topic))
    saving = _median_ms(save)
    return captured, opening, baseline, saving


def _report(article, captured, opening, baseline, saving):
    print(
        f"article: «{article.title}» ({len(article.body):,} characters, "
        f"{article.claims.count()} claims)"
    )
    print(f"SQL queries, GET change page: {len(captured)} (budget {QUERY_BUDGET})")
    for table, count in _tables(captured).most_common():
        print(f"  {count:3} {table}")
    print(f"runs per page: {RUNS} (after {WARMUP} warm-up); median (min–max)")
    print(
        f"open change page:   {opening[0]:7.1f} ms ({opening[1]:.1f}–{opening[2]:.1f}) "
        f"budget {TIME_BUDGET_MS} ms"
    )
    print(
        f"save unchanged:     {saving[0]:7.1f} ms ({saving[1]:.1f}–{saving[2]:.1f}) "
        "(one GET for the form plus the POST)"
    )
    print(
        f"baseline, topic change page: {baseline[0]:7.1f} ms ({baseline[1]:.1f}–{baseline[2]:.1f})"
    )
    print(f"ratio change page / baseline: {opening[0] / baseline[0]:.1f}x")


def main():
    with demo_database():
        client = Client()
        client.force_login(User.objects.get(username="redacteur"))
        article = _largest_article()
        _report(article, *measure(client, article))


if __name__ == "__main__":
    main()
