"""RSS, Atom, sitemap.xml and robots.txt: what feed readers and search engines get."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_article, make_author, make_published_article, make_topic

pytestmark = pytest.mark.django_db

SITE = "https://gutcheck.example"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def articles(editor):
    topic = make_topic(name="Eczeem", slug="eczeem")
    author = make_author(name="Anna Jansen", slug="anna-jansen", credentials="huisarts")
    older = make_published_article(
        by=editor, title="Oudere titel", slug="ouder", lead="Oudere intro.",
        topic=topic, authors=[author], tags=["zalf"],
    )  # fmt: skip
    newer = make_published_article(
        by=editor, title="Nieuwere titel", slug="nieuwer", lead="Nieuwere intro.", topic=topic
    )
    make_article(title="Geheim concept", slug="geheim-concept", topic=topic, authors=[author])
    return {"older": older, "newer": newer, "topic": topic, "author": author}


def _xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def test_rss_lists_published_articles_newest_first_with_lead_and_dates(client, articles):
    response, root = _xml(client, reverse("feed-rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["Nieuwere titel", "Oudere titel"]
    older = items[1]
    assert older.findtext("description") == "Oudere intro."
    assert older.findtext("link") == f"{SITE}/artikelen/ouder/"
    assert older.findtext("pubDate")
    assert older.findtext("guid") == f"{SITE}/artikelen/ouder/"
    assert root.findtext("./channel/link") == f"{SITE}/artikelen/"
    assert root.findtext("./channel/language") == "nl"
    assert {c.text for c in older.findall("category")} == {"Eczeem", "zalf"}
    assert "Anna Jansen" in (older.findtext("author") or older.findtext("{*}creator") or "")
    assert b"Geheim concept" not in response.content


def test_atom_has_summary_published_and_updated(client, articles, editor):
    articles["older"].publish(by=editor)  # a second publish moves "updated" on
    response, root = _xml(client, reverse("feed-atom"))
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Nieuwere titel", "Oudere titel"]
    older = entries[1]
    assert older.findtext(f"{ATOM}summary") == "Oudere intro."
    assert older.findtext(f"{ATOM}published") < older.findtext(f"{ATOM}updated")
    assert older.find(f"{ATOM}link").get("href") == f"{SITE}/artikelen/ouder/"
    assert b"Geheim concept" not in response.content


def test_feeds_show_the_published_lead_not_pending_edits(client, articles):
    article = articles["newer"]
    article.lead = "Nog niet gepubliceerde intro."
    article.save()
    for name in ["feed-rss", "feed-atom"]:
        assert b"Nog niet gepubliceerde intro." not in client.get(reverse(name)).content


def _sitemap(client):
    _, root = _xml(client, reverse("sitemap"))
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_published_articles_topics_and_authors_with_lastmod(client, articles):
    entries = _sitemap(client)
    base = SITE
    older = articles["older"]
    assert entries[f"{base}/artikelen/ouder/"] == older.updated_at.date().isoformat()
    assert f"{base}/artikelen/nieuwer/" in entries
    assert entries[f"{base}/onderwerp/eczeem/"]
    assert entries[f"{base}/auteurs/anna-jansen/"]
    assert f"{base}/" in entries
    assert not any("geheim" in loc for loc in entries)


def test_sitemap_lastmod_follows_a_republish(client, articles, editor):
    older = articles["older"]
    later = timezone.now() + timedelta(days=40)
    with mock.patch("django.utils.timezone.now", return_value=later):
        older.publish(by=editor)
    assert _sitemap(client)[f"{SITE}/artikelen/ouder/"] == later.date().isoformat()


def test_sitemap_leaves_out_authors_without_published_articles(client, articles):
    make_author(name="Nog Niemand", slug="nog-niemand")
    assert not any("nog-niemand" in loc for loc in _sitemap(client))


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_absolute_addresses_come_from_site_url_whatever_host_name_was_asked(client, articles):
    """A proxy, a second domain or a cache in front must not change the links readers get."""
    for url in [reverse("feed-rss"), reverse("feed-atom"), reverse("sitemap"), "/robots.txt"]:
        body = client.get(url, HTTP_HOST="localhost").content.decode()
        assert "localhost" not in body and "testserver" not in body, url
        assert f"{SITE}/" in body, url


def test_the_feed_names_the_language_it_is_written_in(client, articles):
    _, root = _xml(client, reverse("feed-rss"))
    assert root.findtext("./channel/language") == "nl"
    client.cookies["django_language"] = "en"
    _, root = _xml(client, reverse("feed-rss"))
    assert root.findtext("./channel/language") == "en"
