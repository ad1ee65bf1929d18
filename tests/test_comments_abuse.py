"""The rate limit holds behind proxies and under concurrency; a form is good for one submission.

- X-Forwarded-For is read from the right, as far as COMMENTS_TRUSTED_PROXIES vouch for it:
  whatever a client writes into the header itself never makes it a new address.
- Simultaneous posts from one address are counted one after another (PostgreSQL: an
  advisory lock per address; SQLite: one write transaction at a time).
- A signed form timestamp counts as used once a submission has been stored with it; a
  refused post (too fast, invalid) leaves it usable, so the reader can simply send again.
"""

from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from comments import antispam
from comments.models import Comment
from tests.factories import comment_post_data, make_published_article, post_comment
from tests.test_comments_concurrency import (  # noqa: F401 (server_url is a fixture)
    _database_is_shared,
    _post_all_at_once,
    rerun_on_file_sqlite,
    server_url,
)
from tests.test_settings_failfast import _import_settings, _last_line

PROJECT = Path(__file__).resolve().parents[1]
PROXY = "10.0.0.2"
CLIENT = "203.0.113.9"


@pytest.fixture
def article(db):
    return make_published_article()


def _post(client, article, *, forwarded=None, remote=PROXY, **fields):
    headers = {"x-forwarded-for": forwarded} if forwarded is not None else {}
    return post_comment(
        client, article, comment_post_data(article, **fields), REMOTE_ADDR=remote, headers=headers
    )


def _spoofed_posts(client, article, chain_for, count=12):
    return [
        _post(
            client, article, forwarded=chain_for(f"198.51.100.{n}"), body=f"Vraag {n}"
        ).status_code
        for n in range(count)
    ]


@pytest.mark.parametrize(
    ("proxies", "chain_for"),
    [
        (1, lambda spoof: f"{spoof}, {CLIENT}"),
        (2, lambda spoof: f"{spoof}, {CLIENT}, 192.0.2.50"),
    ],
)
def test_a_spoofed_forwarded_for_entry_does_not_escape_the_limit(
    client, article, settings, proxies, chain_for
):
    # CLIENT_IP_HEADER is what README used to recommend behind a proxy; it is ignored now.
    settings.GUTCHECK_COMMENTS = {
        "TRUSTED_PROXIES": proxies,
        "CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
    }
    statuses = _spoofed_posts(client, article, chain_for)
    assert statuses == [302] * 5 + [429] * 7
    assert Comment.objects.count() == 5


def test_without_trusted_proxies_the_header_is_ignored(client, article, settings):
    settings.GUTCHECK_COMMENTS = {"TRUSTED_PROXIES": 0}
    statuses = _spoofed_posts(client, article, lambda spoof: spoof, count=6)
    assert statuses == [302] * 5 + [429]
    assert antispam.client_address(_request(forwarded="198.51.100.1")) == PROXY


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, f"1.1.1.1, {CLIENT}", PROXY),
        (1, f"1.1.1.1, {CLIENT}", CLIENT),
        (1, f" {CLIENT} ", CLIENT),
        (2, f"1.1.1.1, {CLIENT}, 192.0.2.50", CLIENT),
        (2, CLIENT, PROXY),  # shorter than the proxies we trust: nothing to believe
        (1, "", PROXY),
    ],
)
def test_which_entry_is_the_client(settings, proxies, forwarded, expected):
    settings.GUTCHECK_COMMENTS = {"TRUSTED_PROXIES": proxies}
    assert antispam.client_address(_request(forwarded=forwarded)) == expected


def _request(*, forwarded):
    return RequestFactory().post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def test_different_readers_behind_one_proxy_have_their_own_limit(client, article, settings):
    settings.GUTCHECK_COMMENTS = {"TRUSTED_PROXIES": 1, "RATE_LIMIT": 1}
    assert _post(client, article, forwarded="203.0.113.1", body="Een").status_code == 302
    assert _post(client, article, forwarded="203.0.113.2", body="Twee").status_code == 302
    assert _post(client, article, forwarded="203.0.113.1", body="Drie").status_code == 429


def test_the_old_client_ip_header_setting_stops_the_site_with_a_sentence():
    result = _import_settings(COMMENTS_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
    assert result.returncode != 0
    assert "replaced by COMMENTS_TRUSTED_PROXIES" in _last_line(result)


# One form, one submission ---------------------------------------------------------------


def _send(client, article, data):
    return post_comment(client, article, data)


def test_a_form_token_used_for_a_stored_submission_cannot_send_another(client, article):
    data = comment_post_data(article, body="Eerste vraag")
    assert _send(client, article, data).status_code == 302
    second = _send(client, article, {**data, "body": "Tweede vraag met hetzelfde formulier"})
    page = second.content.decode()
    assert second.status_code == 400
    assert "Met dit formulier is al een bijdrage verstuurd" in page
    assert "Tweede vraag met hetzelfde formulier" in page
    assert Comment.objects.count() == 1
    fresh = page.split('name="started" value="')[1].split('"')[0]
    assert fresh != data["started"]


def test_the_refreshed_form_sends_once_the_time_has_passed(client, article, settings):
    data = comment_post_data(article, body="Eerste vraag")
    _send(client, article, data)
    refused = _send(client, article, {**data, "body": "Tweede vraag"}).content.decode()
    fresh = refused.split('name="started" value="')[1].split('"')[0]
    settings.GUTCHECK_COMMENTS = {"MIN_SECONDS": 0}  # the reader reads their text over first
    assert (
        _send(client, article, {**data, "body": "Tweede vraag", "started": fresh}).status_code
        == 302
    )
    assert Comment.objects.count() == 2


def test_the_same_submission_sent_twice_is_one_item_not_an_error(client, article):
    data = comment_post_data(article, body="Dubbelklik")
    first, second = _send(client, article, data), _send(client, article, data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] and Comment.objects.count() == 1


def test_a_too_fast_post_leaves_its_token_usable(client, article, settings):
    data = comment_post_data(article)
    settings.GUTCHECK_COMMENTS = {"MIN_SECONDS": 3600}
    assert _send(client, article, data).status_code == 400
    settings.GUTCHECK_COMMENTS = {"MIN_SECONDS": 0}
    assert _send(client, article, data).status_code == 302


def test_an_invalid_post_leaves_its_token_usable(client, article):
    data = comment_post_data(article)
    assert _send(client, article, {**data, "name": ""}).status_code == 400
    assert _send(client, article, data).status_code == 302


# Concurrency ---------------------------------------------------------------------------

BURST = 12
LIMIT = 5


def test_a_burst_from_one_address_stores_exactly_the_limit(server_url, settings):  # noqa: F811
    settings.GUTCHECK_COMMENTS = {"MIN_SECONDS": 0, "RATE_LIMIT": LIMIT}
    article = make_published_article()
    forms = [comment_post_data(article, body=f"Gelijktijdig {n}") for n in range(BURST)]
    statuses = _post_all_at_once(server_url, reverse("comments:post", args=[article.slug]), forms)
    stored = Comment.objects.filter(article=article).count()
    print(
        f"\n[rate limit] {connection.vendor}: {stored} stored, statuses {dict(Counter(statuses))}"
    )
    assert stored == LIMIT
    # Stored: 302 to the private page; refused: 303 back to the form page (POST/redirect/GET).
    assert sorted(statuses) == [302] * LIMIT + [303] * (BURST - LIMIT)


def test_a_burst_from_one_address_on_a_file_sqlite_database(tmp_path):
    if connection.vendor != "sqlite" or _database_is_shared():
        pytest.skip("the test above runs directly on this database")
    test = "test_a_burst_from_one_address_stores_exactly_the_limit"
    output = rerun_on_file_sqlite(f"{Path(__file__).relative_to(PROJECT)}::{test}", tmp_path)
    assert f"{LIMIT} stored" in output, output  # ran, not skipped
