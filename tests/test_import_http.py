"""Talking to Crossref and PubMed politely, and failing with a sentence a person can act on."""

import datetime
import email.utils
import socket
import time

import httpx
import pytest
import redis
from django.utils import translation
from pyrate_limiter import Duration, Limiter, Rate, RedisBucket

from evidence.importers import crossref, http, pubmed
from tests.mock_registries import FIXTURES, UNLIMITED

CROSSREF = "api.crossref.org"
EUTILS = "eutils.ncbi.nlm.nih.gov"
DOI = "10.5555/gc.probiotica-rct"
REAL_LIMITER_FOR = (
    http.limiter_for
)  # the registries fixture lifts the limits; one test puts them back


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def fetch(doi=DOI):
    with crossref.registry() as reg:
        return crossref.fetch_work(doi, reg)


def test_crossref_gets_our_contact_address_in_the_user_agent(registries, settings):
    settings.CROSSREF_MAILTO = "redactie@gutcheck.example"
    assert fetch()["DOI"] == DOI
    [request] = registries.requests
    assert "mailto:redactie@gutcheck.example" in request.headers["User-Agent"]
    assert request.url.params["mailto"] == "redactie@gutcheck.example"


def test_pubmed_gets_tool_email_and_the_api_key_when_there_is_one(
    registries, settings, monkeypatch
):
    rates = []
    monkeypatch.setattr(http, "limiter_for", lambda service, n: rates.append(n) or UNLIMITED)
    for key in ("", "geheime-sleutel"):
        settings.NCBI_API_KEY = key
        with pubmed.registry() as reg:
            pubmed.fetch_articles(["90000001"], reg)
    without, with_key = registries.to(EUTILS)
    assert (without.url.params["tool"], without.url.params["email"]) == (
        "gutcheck",
        settings.CROSSREF_MAILTO,
    )
    assert "api_key" not in without.url.params
    assert with_key.url.params["api_key"] == "geheime-sleutel"
    assert rates == [3, 10]  # NCBI: 3 requests a second without a key, 10 with one


def test_every_request_has_a_timeout(registries, settings):
    settings.SOURCE_IMPORT = {**settings.SOURCE_IMPORT, "HTTP_TIMEOUT_SECONDS": 7.5}
    fetch()
    assert registries.requests[0].extensions["timeout"] == {
        "connect": 7.5,
        "read": 7.5,
        "write": 7.5,
        "pool": 7.5,
    }


def test_429_waits_as_long_as_retry_after_says_then_retries(registries):
    registries.queue(CROSSREF, httpx.Response(429, headers={"Retry-After": "7"}))
    assert fetch()["DOI"] == DOI
    assert registries.slept == [7]
    assert len(registries.to(CROSSREF)) == 2


def test_retry_after_may_be_an_http_date(registries):
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=30)
    registries.queue(
        CROSSREF,
        httpx.Response(
            503, headers={"Retry-After": email.utils.format_datetime(later, usegmt=True)}
        ),
    )
    fetch()
    assert 25 < registries.slept[0] <= 30


def test_5xx_and_dropped_connections_back_off_exponentially(registries):
    registries.queue(
        CROSSREF,
        httpx.Response(502),
        httpx.ReadTimeout("read timed out"),
        httpx.Response(504),
    )
    assert fetch()["DOI"] == DOI
    first, second, third = registries.slept
    assert 1 <= first < second < third <= 30


def test_still_rate_limited_after_the_retries_is_said_plainly(registries):
    registries.queue(CROSSREF, *[httpx.Response(429)] * http.MAX_ATTEMPTS)
    with pytest.raises(http.RateLimited, match=r"Crossref is limiting our requests \(HTTP 429\)"):
        fetch()
    assert len(registries.to(CROSSREF)) == http.MAX_ATTEMPTS


def test_a_retry_after_of_an_hour_is_not_slept_through(registries):
    registries.queue(CROSSREF, httpx.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(http.RateLimited):
        fetch()
    assert registries.slept == []


def test_no_network_is_said_plainly(registries):
    registries.offline = True
    with pytest.raises(http.Unreachable, match=r"Could not reach Crossref \(ConnectError\)"):
        fetch()
    assert len(registries.slept) == http.MAX_ATTEMPTS - 1


def test_once_a_service_is_down_the_rest_of_the_batch_is_not_retried(registries):
    registries.offline = True
    with crossref.registry() as reg:
        for doi in (DOI, "10.5555/gc.muizen", "10.5555/gc.meta-analyse"):
            with pytest.raises(http.Unreachable):
                crossref.fetch_work(doi, reg)
    assert len(registries.requests) == http.MAX_ATTEMPTS


def test_a_server_error_that_persists(registries):
    registries.queue(CROSSREF, *[httpx.Response(503)] * http.MAX_ATTEMPTS)
    with pytest.raises(http.ServiceError, match=r"not answering properly \(HTTP 503\)"):
        fetch()


def test_404_is_an_unknown_doi_and_is_not_retried(registries):
    with pytest.raises(http.NotFound, match="Crossref does not know the DOI 10.5555/typo"):
        fetch("10.5555/typo")
    assert len(registries.requests) == 1 and registries.slept == []


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, text="<html>Down for maintenance</html>"),
        httpx.Response(200, json={"status": "ok", "message-type": "work-list", "message": {}}),
        httpx.Response(200, json={"status": "failed", "message-type": "validation-failure"}),
    ],
)
def test_malformed_crossref_answers(registries, answer):
    registries.queue(CROSSREF, answer)
    with pytest.raises(http.Malformed, match="Crossref sent a response we cannot read"):
        fetch()


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, text="<PubmedArticleSet><PubmedArticle>"),
        httpx.Response(200, text="<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>"),
        httpx.Response(
            200,
            text='<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><PubmedArticleSet>&a;</PubmedArticleSet>',
        ),
    ],
)
def test_malformed_efetch_answers(registries, answer):
    registries.queue(EUTILS, answer)
    with (
        pytest.raises(http.Malformed, match="PubMed sent a response we cannot read"),
        pubmed.registry() as reg,
    ):
        pubmed.fetch_articles(["90000001"], reg)


def test_pubmed_rate_limiting_in_its_own_words(registries):
    body = (FIXTURES / "pubmed" / "rate-limited.json").read_bytes()
    registries.queue(EUTILS, *[httpx.Response(429, content=body)] * http.MAX_ATTEMPTS)
    with pytest.raises(http.RateLimited, match=r"PubMed is limiting our requests"):
        with pubmed.registry() as reg:
            pubmed.fetch_summaries(["90000001"], reg)


def test_esummary_error_entry_for_an_unknown_uid(registries):
    registries.queue(
        EUTILS,
        httpx.Response(200, content=(FIXTURES / "pubmed" / "esummary-unknown.json").read_bytes()),
    )
    with pubmed.registry() as reg:
        found = pubmed.fetch_summaries(["99999999"], reg)
    assert isinstance(found["99999999"], http.NotFound)


def test_an_unknown_pmid_is_said_per_pmid(registries):
    with pubmed.registry() as reg:
        found = pubmed.fetch_summaries(["90000001", "99999999"], reg)
    assert found["90000001"]["uid"] == "90000001"
    assert (
        str(found["99999999"])
        == "PubMed does not know the PMID 99999999; check it for typing errors."
    )


def test_the_rate_limiter_spaces_requests_at_three_a_second(registries, monkeypatch, settings):
    settings.NCBI_API_KEY = ""
    monkeypatch.setattr(http, "limiter_for", REAL_LIMITER_FOR)
    http._limiters.clear()
    started = time.monotonic()
    with pubmed.registry() as reg:
        for _ in range(4):
            pubmed.fetch_articles(["90000001"], reg)
    assert time.monotonic() - started >= 0.9  # the fourth request waits for the next second
    http._limiters.clear()


def _redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_answers(), reason="needs Redis at 127.0.0.1:6379")
def test_with_redis_two_servers_share_one_budget(settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/9"
    client = redis.Redis.from_url(settings.REDIS_URL)
    key = "gutcheck:ratelimit:test-shared"
    client.delete(key)
    rates = [Rate(3, Duration.SECOND)]
    server_a = Limiter(RedisBucket.init(rates, client, key))
    server_b = Limiter(RedisBucket.init(rates, client, key))
    for _ in range(3):
        assert server_a.try_acquire("pubmed", blocking=False)
    assert not server_b.try_acquire("pubmed", blocking=False)  # the other server's three count
    client.delete(key)
    http._limiters.clear()
    assert isinstance(http.limiter_for("pubmed-test", 3).bucket_factory.get(None), RedisBucket)
    http._limiters.clear()


def test_without_redis_the_limits_still_hold_per_process(settings, caplog):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    http._limiters.clear()
    limiter = http.limiter_for("pubmed-test", 3)
    assert not isinstance(limiter.bucket_factory.get(None), RedisBucket)
    assert "rate limit is per process" in caplog.text
    http._limiters.clear()
