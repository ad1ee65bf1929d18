"""Redis down: pages answer from the database, with one warning in the log, never a 500."""

import logging
import socket

import pytest
from django.core.cache import caches
from django.urls import reverse

from tests.factories import make_published_article
from tests.test_settings_cache import _cache_setting, _redis_answers

pytestmark = pytest.mark.django_db


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


@pytest.fixture
def redis_down(settings):
    """The cache exactly as production configures it from REDIS_URL, with nobody listening.

    A fresh port per test, so no test inherits another's outage state.
    """
    settings.CACHES = {
        "default": _cache_setting(REDIS_URL=f"redis://127.0.0.1:{_closed_port()}/11")
    }


def _cache_warnings(caplog):
    return [r for r in caplog.records if r.name == "config.cache" and r.levelno == logging.WARNING]


def test_article_page_and_comment_form_answer_while_redis_is_down(client, redis_down, caplog):
    article = make_published_article(title="Vezels bij eczeem")
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        pages = [client.get(article.get_absolute_url()) for _ in range(5)]
    assert [page.status_code for page in pages] == [200] * 5
    assert "Vezels bij eczeem" in pages[-1].content.decode()
    assert 'name="body"' in pages[-1].content.decode()  # the (normally cached) form fields
    assert len(_cache_warnings(caplog)) == 1


def test_every_public_page_answers_while_redis_is_down(client, redis_down):
    article = make_published_article()
    for url in [
        reverse("blog:home"),
        reverse("blog:search") + "?q=artikel",
        reverse("feed-rss"),
        article.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url


def test_the_warning_names_the_server_but_not_a_traceback_per_request(redis_down, caplog):
    cache = caches["default"]
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        assert cache.get("missing", "fallback") == "fallback"
        assert cache.get_or_set("key", lambda: "computed") == "computed"
        assert cache.add("key", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        cache.set("key", 1)
        cache.delete("key")
    (warning,) = _cache_warnings(caplog)
    assert "unreachable" in warning.getMessage()
    assert warning.exc_info is None


@pytest.mark.skipif(not _redis_answers(), reason="no Redis server on 127.0.0.1:6379")
def test_with_redis_up_the_cache_stores_and_serves_values(settings):
    settings.CACHES = {"default": _cache_setting(REDIS_URL="redis://127.0.0.1:6379/11")}
    cache = caches["default"]
    cache.set("probe", {"claims": 3}, timeout=30)
    assert cache.get("probe") == {"claims": 3}
    cache.delete("probe")
