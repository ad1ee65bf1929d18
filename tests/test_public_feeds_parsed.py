"""Both feeds, read by a real feed parser (feedparser), say what a feed reader shows."""

import calendar

import feedparser
import pytest
from django.urls import reverse

from tests.factories import make_author, make_published_article, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(editor):
    topic = make_topic(name="Eczeem", slug="eczeem")
    author = make_author(name="Anna Jansen", slug="anna-jansen")
    older = make_published_article(
        by=editor, title="Oudere titel", slug="ouder", lead="Oudere intro.",
        topic=topic, authors=[author], tags=["zalf", "kefir"],
    )  # fmt: skip
    newer = make_published_article(by=editor, title="Nieuwere titel", slug="nieuwer")
    return older, newer


def _parse(client, name, **headers):
    response = client.get(reverse(name), headers=headers)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("name", ["feed-rss", "feed-atom"])
def test_the_feed_states_the_site_language(client, published, name):
    assert _parse(client, name).feed.language == "nl"
    english = _parse(client, name, accept_language="en")
    assert english.feed.language == "en"


@pytest.mark.parametrize("name", ["feed-rss", "feed-atom"])
def test_entries_carry_title_link_dates_and_categories(client, published, name, settings):
    settings.SITE_URL = "https://gutcheck.example"
    older, newer = published
    feed = _parse(client, name)
    assert feed.feed.title == "Gutcheck"
    assert [e.title for e in feed.entries] == ["Nieuwere titel", "Oudere titel"]
    entry = feed.entries[1]
    assert entry.link == "https://gutcheck.example/artikelen/ouder/"  # from SITE_URL
    published_at = calendar.timegm(entry.published_parsed)
    assert published_at == int(older.published_at.timestamp())
    assert {tag.term for tag in entry.tags} == {"Eczeem", "zalf", "kefir"}
    assert "Oudere intro." in entry.summary
    assert entry.author == "Anna Jansen"
