"""No reader-facing URL ever shows a draft, scheduled, withdrawn or pending version.

One set of articles in every state shares a topic, an author, a tag, a source and
a search word; then every public URL is fetched and searched for their markers.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from evidence.models import Citation, Claim, Source
from tests.factories import (
    make_article,
    make_author,
    make_ready,
    make_staff,
    make_topic,
)

pytestmark = pytest.mark.django_db

SEARCH_WORD = "zoekwoordsweep"
VISIBLE = ["zichtbaaralfa", "zichtbaarbeta"]
HIDDEN = ["geheimconcept", "geheimgepland", "geheimteruggetrokken", "geheimnogniet"]


def _body(marker):
    return f"Tekst over {SEARCH_WORD} en {marker} [[claim:sweep]]."


def _cite(article, source):
    claim = Claim.objects.create(
        article=article, key="sweep", statement="Een bewering.", category="association"
    )
    Citation.objects.create(claim=claim, source=source, role="supports")


def _article(marker, world, *, publish):
    article = make_article(
        title=f"Titel {marker}",
        slug=marker,
        lead=f"Intro {marker}.",
        body=_body(marker),
        topic=world["topic"],
        authors=[world["author"]],
        tags=["sweeptag"],
    )
    _cite(article, world["source"])
    if publish:
        make_ready(article)
        article.publish(by=world["editor"])
    return article


@pytest.fixture
def world(settings):
    settings.GUTCHECK = {**settings.GUTCHECK, "ARTICLES_PER_PAGE": 1}
    world = {
        "topic": make_topic(name="Sweeponderwerp", slug="sweeponderwerp"),
        "author": make_author(name="Sweep Auteur", slug="sweep-auteur"),
        "source": Source.objects.create(title="Sweep-bron", design="sr_rct", year=2020),
        "editor": make_staff(perms=["blog.change_article", "blog.publish_article"]),
    }
    for marker in VISIBLE:
        _article(marker, world, publish=True)
    _article("geheimconcept", world, publish=False)
    scheduled = _article("geheimgepland", world, publish=False)
    make_ready(scheduled)
    scheduled.schedule(at=timezone.now() + timedelta(days=3), by=world["editor"])
    withdrawn = _article("geheimteruggetrokken", world, publish=True)
    withdrawn.withdraw(by=world["editor"], reason="Bron ingetrokken.")
    # A published article edited after publishing: readers keep the published version.
    pending = Article.objects.get(slug="zichtbaarbeta")
    pending.title = "Titel geheimnogniet"
    pending.save()
    return world


def _listing_urls(world):
    return [
        reverse("blog:home"),
        reverse("blog:article_list"),
        reverse("blog:topic_list"),
        reverse("blog:tag", args=["sweeptag"]),
        world["topic"].get_absolute_url(),
        world["author"].get_absolute_url(),
        world["source"].get_absolute_url(),
        f"{reverse('blog:search')}?q={SEARCH_WORD}",
        reverse("feed-rss"),
        reverse("feed-atom"),
        reverse("sitemap"),
    ]


def _fetch_all_pages(client, url):
    """The text of a listing across its pages (pagination is one per page here)."""
    separator = "&" if "?" in url else "?"
    pages = []
    for number in (1, 2, 3):
        response = client.get(f"{url}{separator}page={number}")
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return "\n".join(pages)


def test_every_public_listing_shows_published_and_hides_the_rest(client, world):
    for url in _listing_urls(world):
        text = _fetch_all_pages(client, url)
        leaked = [marker for marker in HIDDEN if marker in text]
        assert not leaked, f"{url} shows {leaked}"
        if url not in {reverse("blog:topic_list")}:
            missing = [marker for marker in VISIBLE if marker not in text]
            assert not missing, f"{url} does not show {missing}"


def test_listing_pages_paginate_published_articles_only(client, world):
    first = client.get(reverse("blog:article_list")).content.decode()
    second = client.get(reverse("blog:article_list") + "?page=2").content.decode()
    assert ("zichtbaaralfa" in first) != ("zichtbaaralfa" in second)
    assert ("zichtbaarbeta" in first) != ("zichtbaarbeta" in second)
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_topic_list_counts_only_published_articles(client, world):
    text = client.get(reverse("blog:topic_list")).content.decode()
    assert "Sweeponderwerp" in text
    assert "2 artikelen" in text


def test_detail_pages_answer_200_only_for_published_articles(client, world):
    for marker in VISIBLE:
        assert client.get(reverse("blog:article", args=[marker])).status_code == 200
    for marker in ["geheimconcept", "geheimgepland", "bestaatniet"]:
        assert client.get(reverse("blog:article", args=[marker])).status_code == 404, marker
    # A withdrawn article may answer with a short notice (410 Gone), never with its text.
    response = client.get(reverse("blog:article", args=["geheimteruggetrokken"]))
    assert response.status_code in (404, 410)
    assert "Tekst over" not in response.content.decode()


def test_published_page_keeps_serving_the_published_version_of_an_edited_article(client, world):
    text = client.get(reverse("blog:article", args=["zichtbaarbeta"])).content.decode()
    assert "Titel zichtbaarbeta" in text and "geheimnogniet" not in text


def test_searching_for_a_hidden_word_finds_nothing(client, world):
    for marker in HIDDEN:
        response = client.get(reverse("blog:search"), {"q": marker})
        assert "Titel " + marker not in response.content.decode()
        assert response.context["page"].paginator.count == 0


def test_a_topic_with_only_unpublished_articles_is_not_listed_or_in_the_sitemap(client, world):
    lonely = make_topic(name="Eenzaamonderwerp", slug="eenzaam")
    make_article(topic=lonely)
    assert "Eenzaamonderwerp" not in client.get(reverse("blog:topic_list")).content.decode()
    assert "/onderwerp/eenzaam/" not in client.get(reverse("sitemap")).content.decode()
