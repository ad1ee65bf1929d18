"""Django's Redis cache, degraded to "no cache" while Redis cannot be reached.

The cache only ever saves work, so an outage must cost speed, never a page. Every
cache operation goes through ResilientRedisCache (settings.CACHES uses it whenever
REDIS_URL is set): a connection or timeout error becomes a cache miss. The first
failure logs one warning and opens a pause of RETRY_SECONDS during which this
process does not try Redis at all, so an outage neither floods the log nor makes
every request wait for a connection timeout. After the pause one request tries
again; when Redis answers, one more line says so.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 30
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class Outage:
    """Whether one cache server is unreachable from this process, shared by its threads."""

    def __init__(self, location):
        self.location = location
        self.down_since = None
        self.retry_at = 0.0
        self._lock = threading.Lock()

    def allows_attempt(self):
        return self.down_since is None or time.monotonic() >= self.retry_at

    def failed(self, error):
        with self._lock:
            first = self.down_since is None
            now = time.monotonic()
            self.down_since = self.down_since or now
            self.retry_at = now + RETRY_SECONDS
        if first:
            logger.warning(
                "Cache server %s unreachable (%s); serving without cache, retrying every %d s.",
                self.location,
                type(error).__name__,
                RETRY_SECONDS,
            )

    def succeeded(self):
        if self.down_since is None:
            return
        with self._lock:
            down_for = time.monotonic() - (self.down_since or time.monotonic())
            self.down_since = None
        logger.warning("Cache server %s answers again after %.0f s.", self.location, down_for)


_outages = {}
_outages_lock = threading.Lock()


def outage_for(location):
    """One Outage per server and process: every thread's cache connection shares it."""
    with _outages_lock:
        return _outages.setdefault(location, Outage(location))


def _guarded(name, fallback):
    """The RedisCache method `name`, answering fallback(*args) while the server is unreachable."""
    method = getattr(RedisCache, name)

    def guarded(self, *args, **kwargs):
        if not self.outage.allows_attempt():
            return fallback(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except UNREACHABLE as error:
            self.outage.failed(error)
            return fallback(*args, **kwargs)
        self.outage.succeeded()
        return result

    guarded.__name__ = name
    guarded.__doc__ = method.__doc__
    return guarded


def _default(key, default=None, version=None):
    return default


def _missing_key(key, delta=1, version=None):
    # What incr() says about a key the cache does not hold: callers handle it already.
    raise ValueError(f"Key {key!r} not found (cache unavailable)")


def _unstored(data, timeout=DEFAULT_TIMEOUT, version=None):
    return list(data)


def _answer(value):
    return lambda *args, **kwargs: value


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.outage = outage_for(",".join(self._servers))

    get = _guarded("get", _default)
    get_many = _guarded("get_many", _answer({}))
    has_key = _guarded("has_key", _answer(False))
    add = _guarded("add", _answer(False))
    set = _guarded("set", _answer(None))
    set_many = _guarded("set_many", _unstored)
    touch = _guarded("touch", _answer(False))
    delete = _guarded("delete", _answer(False))
    delete_many = _guarded("delete_many", _answer(None))
    incr = _guarded("incr", _missing_key)
    clear = _guarded("clear", _answer(False))
