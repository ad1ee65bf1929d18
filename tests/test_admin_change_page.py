"""The article change page loads its evidence once and stays within 20 queries.

It used to run 47 to 59 queries, loading the article's claims, citations and disclaimers
three times (readiness panel, gate, pending-changes check) and the medical review five
times. bench/bench_admin_change_page.py measures the demo's largest article; this test
pins the budget on articles of growing size.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.workflow import previews
from evidence.models import Citation, Claim, Source
from tests.factories import (
    make_article,
    make_citation,
    make_claim,
    make_ready,
    make_source,
    make_staff,
)
from tests.test_admin_articles import _form_data

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 20


@pytest.fixture
def editor_client(client):
    client.force_login(make_staff("redacteur", groups=["Editors"]))  # as the demo's editor
    return client


def _published_article(n_claims, editor):
    keys = [f"claim-{n}" for n in range(n_claims)]
    article = make_article(body=" ".join(f"Zin {key} [[claim:{key}]]." for key in keys))
    for key in keys:
        claim = make_claim(article, key=key, category=Claim.Category.EFFICACY)
        make_citation(claim, make_source(design=Source.Design.SYSTEMATIC_REVIEW_RCTS))
        make_citation(claim, make_source(), role=Citation.Role.CONTRADICTS)
        make_citation(claim, make_source(population=Source.Population.ANIMALS))
    make_ready(article)
    article.publish(by=editor)
    previews.create_link(article, by=editor, days=3, label="Redactie")
    return article


def _queries(client, article):
    url = reverse("admin:blog_article_change", args=[article.pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries], response


@pytest.mark.parametrize("n_claims", [1, 6, 15])
def test_the_change_page_stays_within_its_query_budget(editor_client, editor, n_claims):
    queries, response = _queries(editor_client, _published_article(n_claims, editor))
    assert len(queries) <= QUERY_BUDGET, "\n".join(queries)
    page = response.content.decode()
    assert "Klaar voor publicatie?" in page and "Redactieproces" in page


def test_the_query_count_does_not_grow_with_claims_citations_or_disclaimers(editor_client, editor):
    small, _ = _queries(editor_client, _published_article(1, editor))
    large, _ = _queries(editor_client, _published_article(12, editor))
    assert len(large) == len(small)


def test_claims_citations_disclaimers_and_reviews_are_read_once(editor_client, editor):
    queries, _ = _queries(editor_client, _published_article(4, editor))

    def reads(table):
        return sum(1 for sql in queries if f'FROM "{table}"' in sql)

    assert reads("evidence_claim") == 1
    assert reads("evidence_citation") == 1
    assert reads("evidence_articledisclaimer") == 1
    assert reads("blog_review") == 1
    assert reads("blog_article") == 1


def test_a_refused_save_shows_the_panels_for_the_article_as_stored(editor_client, editor):
    article = _published_article(2, editor)
    url = reverse("admin:blog_article_change", args=[article.pk])
    data = _form_data(editor_client.get(url))
    data["title"] = [""]  # refused: a title is required
    data["claims-0-statement"] = ["Getypt maar niet opgeslagen."]
    response = editor_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Getypt maar niet opgeslagen." in page  # the editor's input is kept in the form
    assert "Gepubliceerd: lezers zien precies deze versie." in page  # panels: as stored
