"""What readers see on the home, article, author, topic, tag and search pages."""

import io

import html5lib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from tests.factories import (
    make_article,
    make_author,
    make_published_article,
    make_ready,
    make_staff,
    make_topic,
    publish_as_of,
)

pytestmark = pytest.mark.django_db


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 18), (20, 90, 80)).save(buffer, "PNG")
    return SimpleUploadedFile("hero.png", buffer.getvalue(), content_type="image/png")


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    return text, html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)


def _meta(tree, prop):
    for meta in tree.iter("meta"):
        if meta.get("property") == prop or meta.get("name") == prop:
            return meta.get("content")
    return None


@pytest.fixture
def article(editor):
    topic = make_topic(name="Rosacea", slug="rosacea")
    author = make_author(
        name="Dr. Eva Smit", slug="eva-smit", credentials="dermatoloog",
        is_health_professional=True, big_number="49012345601",
    )  # fmt: skip
    article = make_article(
        title="Koffie en rosacea", slug="koffie-rosacea", lead="Wat weten we echt?",
        body="## Wat is rosacea?\n\nEen huidaandoening.", topic=topic, authors=[author],
        tags=["koffie", "leefstijl"], hero_image=_png(), hero_alt="Een kop koffie",
        hero_caption="Koffie in de ochtend.", hero_credit="Bron: Gutcheck-redactie",
        hero_licence="CC BY 4.0",
    )  # fmt: skip

    make_ready(article)
    article.publish(by=editor)
    return article


def test_article_page_shows_title_lead_body_hero_author_topic_and_tags(client, article):
    text, tree = _page(client, article.get_absolute_url())
    assert [h.text for h in tree.iter("h1")] == ["Koffie en rosacea"]
    assert "Wat weten we echt?" in text
    assert '<h2 id="wat-is-rosacea">' in text
    figure = next(f for f in tree.iter("figure") if "hero" in f.get("class", ""))
    assert figure.find("img").get("alt") == "Een kop koffie"
    caption = "".join(figure.find("figcaption").itertext())
    assert "Koffie in de ochtend." in caption
    assert "Bron: Gutcheck-redactie" in caption and "CC BY 4.0" in caption
    author_link = next(a for a in tree.iter("a") if a.get("href") == "/auteurs/eva-smit/")
    assert author_link.text == "Dr. Eva Smit"
    assert "dermatoloog" in text
    hrefs = {a.get("href") for a in tree.iter("a")}
    assert {"/onderwerp/rosacea/", "/tag/koffie/", "/tag/leefstijl/"} <= hrefs


def test_article_page_has_open_graph_and_canonical(client, article, settings):
    settings.SITE_URL = "https://gutcheck.example"
    _, tree = _page(client, article.get_absolute_url())
    assert _meta(tree, "og:title") == "Koffie en rosacea"
    assert _meta(tree, "og:description") == "Wat weten we echt?"
    assert _meta(tree, "og:type") == "article"
    assert _meta(tree, "og:url") == "https://gutcheck.example/artikelen/koffie-rosacea/"
    assert _meta(tree, "og:image").startswith("https://gutcheck.example/media/heroes/")
    assert _meta(tree, "og:image:alt") == "Een kop koffie"
    assert _meta(tree, "article:published_time")
    canonical = next(link for link in tree.iter("link") if link.get("rel") == "canonical")
    assert canonical.get("href") == "https://gutcheck.example/artikelen/koffie-rosacea/"


def test_first_publication_shows_only_the_publication_date(client, article):
    text, _ = _page(client, article.get_absolute_url())
    assert "Gepubliceerd op" in text
    assert "Laatst bijgewerkt" not in text


def test_republishing_shows_last_updated_by_the_publishers_public_name(client, article):
    publisher = make_staff("redacteur7", first_name="Sanne", last_name="de Wit")
    make_author(name="Sanne de Wit (redactie)", slug="sanne", user=publisher)
    publish_as_of(
        article, article.published_at.replace(year=article.published_at.year + 1), by=publisher
    )
    text, _ = _page(client, article.get_absolute_url())
    assert "Laatst bijgewerkt op" in text
    assert "door Sanne de Wit (redactie)" in text
    assert "redacteur7" not in text


def test_last_updated_never_shows_a_login_name(client, article):
    nameless = make_staff("inlognaam-geheim")
    publish_as_of(
        article, article.published_at.replace(year=article.published_at.year + 1), by=nameless
    )
    text, _ = _page(client, article.get_absolute_url())
    assert "door de redactie" in text
    assert "inlognaam-geheim" not in text


def test_every_page_has_landmarks_skip_link_and_one_h1(client, article):
    urls = [
        reverse("blog:home"),
        reverse("blog:article_list"),
        article.get_absolute_url(),
        reverse("blog:topic", args=["rosacea"]),
        reverse("blog:topic_list"),
        reverse("blog:tag", args=["koffie"]),
        reverse("blog:author", args=["eva-smit"]),
        reverse("blog:search") + "?q=koffie",
    ]
    for url in urls:
        _, tree = _page(client, url)
        assert len(list(tree.iter("h1"))) == 1, url
        assert len(list(tree.iter("main"))) == 1, url
        assert any(h.get("class") == "site-header" for h in tree.iter("header")), url
        assert list(tree.iter("footer")), url
        skip = next(a for a in tree.iter("a") if "skip-link" in a.get("class", ""))
        assert skip.get("href") == "#" + next(tree.iter("main")).get("id")
        assert all(img.get("alt") is not None for img in tree.iter("img")), url


def test_author_page_shows_credentials_big_registration_disclosure(client, article):
    text, _ = _page(client, reverse("blog:author", args=["eva-smit"]))
    assert "dermatoloog" in text
    assert "49012345601" in text
    assert "Geen belangen gemeld." in text
    assert "Koffie en rosacea" in text


def test_author_page_of_a_non_professional_says_so_and_shows_disclosure(client):
    make_author(
        name="Tom Berg", slug="tom-berg", credentials="doctor in de psychologie, geen arts",
        disclosure="Schreef een betaald boek over darmgezondheid.",
    )  # fmt: skip
    text, _ = _page(client, reverse("blog:author", args=["tom-berg"]))
    assert "doctor in de psychologie, geen arts" in text
    assert "Geen BIG-registratie" in text
    assert "Schreef een betaald boek over darmgezondheid." in text


def test_home_features_the_newest_article_and_lists_recent_ones_and_topics(client, editor):
    topic = make_topic(name="Psoriasis", slug="psoriasis")
    make_published_article(by=editor, title="Eerste stuk", topic=topic)
    make_published_article(by=editor, title="Tweede stuk")
    text, tree = _page(client, reverse("blog:home"))
    featured = next(a for a in tree.iter("article") if "featured-card" in a.get("class", ""))
    assert "Tweede stuk" in "".join(featured.itertext())
    assert "Eerste stuk" in text
    assert "/onderwerp/psoriasis/" in text


def test_home_without_articles_still_renders(client):
    text, _ = _page(client, reverse("blog:home"))
    assert "Nog geen artikelen." in text


def test_search_finds_words_in_the_body_and_escapes_the_query(client, editor):
    make_published_article(by=editor, title="Vezels", body="Havermout bevat bètaglucaan.")
    text, _ = _page(client, reverse("blog:search") + "?q=havermout")
    assert "Vezels" in text
    text, _ = _page(client, reverse("blog:search") + "?q=<b>nergens</b>")
    assert "<b>nergens</b>" not in text and "&lt;b&gt;nergens&lt;/b&gt;" in text


def test_pages_out_of_range_fall_back_instead_of_erroring(client, editor):
    make_published_article(by=editor)
    for page in ["999", "abc", "-1"]:
        assert client.get(reverse("blog:article_list"), {"page": page}).status_code == 200


def test_unknown_tag_topic_or_author_is_404(client):
    for url in ["/tag/bestaat-niet/", "/onderwerp/bestaat-niet/", "/auteurs/bestaat-niet/"]:
        assert client.get(url).status_code == 404


def test_article_page_makes_the_same_few_queries_however_many_authors_and_tags(client, editor):
    small = make_published_article(by=editor, tags=["een"])
    big = make_published_article(
        by=editor, authors=[make_author() for _ in range(4)], tags=["a", "b", "c", "d", "e"]
    )
    counts = []
    for article in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 6
