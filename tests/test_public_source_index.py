"""/bronnen/ lists the sources readers can find in published articles."""

import pytest
from django.urls import reverse

from evidence.models import Claim, Source
from tests.factories import (
    make_article,
    make_citation,
    make_claim,
    make_ready,
    make_source,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("blog:sources")


def _article_citing(*sources, publish=True, **kwargs):
    article = make_article(body="Bewering [[claim:c]].", **kwargs)
    claim = make_claim(article, key="c", category=Claim.Category.EFFICACY)
    for source in sources:
        make_citation(claim, source)
    if publish:
        make_ready(article)
        article.publish(by=None)
    return article


def test_the_index_lists_cited_sources_with_how_many_articles_cite_them(client):
    shared = make_source(title="Gedeelde studie", year=2021)
    single = make_source(title="Enkele studie", year=2019)
    _article_citing(shared, single)
    _article_citing(shared)
    response = client.get(INDEX)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gedeelde studie" in page and "geciteerd in 2 artikelen" in page
    assert "Enkele studie" in page and "geciteerd in 1 artikel" in page
    assert shared.get_absolute_url() in page
    assert page.index("Gedeelde studie") < page.index("Enkele studie")  # newest first


def test_sources_only_drafts_or_unpublished_edits_cite_are_not_listed(client):
    _article_citing(make_source(title="Studie voor een concept"), publish=False)
    published = _article_citing(make_source(title="Gepubliceerde studie"))
    make_citation(published.claims.get(), make_source(title="Pas toegevoegde studie"))
    page = client.get(INDEX).content.decode()
    assert "Gepubliceerde studie" in page
    assert "Studie voor een concept" not in page and "Pas toegevoegde studie" not in page


def test_integrity_notices_are_shown_in_the_list(client):
    retracted = make_source(title="Ingetrokken studie")
    _article_citing(make_source(), retracted)
    Source.objects.filter(pk=retracted.pk).update(
        integrity_status="retracted", integrity_notice="x"
    )
    assert "Deze publicatie is ingetrokken." in client.get(INDEX).content.decode()


def test_the_index_is_paginated_and_speaks_english_too(client):
    _article_citing(*[make_source(title=f"Studie {n:02d}", year=2000 + n) for n in range(30)])
    first = client.get(INDEX).content.decode()
    second = client.get(INDEX + "?page=2").content.decode()
    assert "Studie 29" in first and "Studie 00" not in first and "Studie 00" in second
    english = client.get(INDEX, headers={"accept-language": "en"}).content.decode()
    assert "The 30 sources our published articles cite, newest first." in english


def test_an_empty_index_says_so(client):
    page = client.get(INDEX).content.decode()
    assert "Nog geen gepubliceerd artikel citeert een bron." in page


def test_every_page_links_to_the_index(client):
    assert f'href="{INDEX}"' in client.get(reverse("blog:home")).content.decode()
