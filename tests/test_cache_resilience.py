"""The outage bookkeeping behind config.cache: one warning when Redis goes, one when it is back."""

import logging

from config import cache as resilient


def _cache_warnings(caplog):
    return [r for r in caplog.records if r.name == "config.cache" and r.levelno == logging.WARNING]


def test_after_the_pause_the_cache_is_tried_again_and_its_return_is_logged(monkeypatch, caplog):
    outage = resilient.Outage("redis://example.invalid:6379/11")
    clock = iter([100.0, 110.0, 200.0, 200.0])
    monkeypatch.setattr(resilient.time, "monotonic", lambda: next(clock))
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        outage.failed(ConnectionError("refused"))  # at 100 s: pause until 130 s
        assert outage.allows_attempt() is False  # at 110 s
        assert outage.allows_attempt() is True  # at 200 s
        outage.succeeded()
    messages = [r.getMessage() for r in _cache_warnings(caplog)]
    assert len(messages) == 2 and "answers again" in messages[1]
    assert outage.allows_attempt()
