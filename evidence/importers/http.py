"""HTTP to the registries: polite, patient, and clear about what went wrong.

Every request waits for its service's rate limiter (shared through Redis when
REDIS_URL is set, so several servers stay within the limit together), carries a
User-Agent with our contact address, has a timeout, and is retried with
exponential back-off on 429, 5xx and network errors; a Retry-After header sets
the wait instead. What still fails becomes a RegistryError whose text is the
sentence to show the user.
"""

import datetime
import email.utils
import logging
import time

import httpx
import redis
import tenacity
from django.conf import settings
from django.utils.translation import gettext as _
from pyrate_limiter import Duration, InMemoryBucket, Limiter, Rate, RedisBucket

MAX_ATTEMPTS = 4
# A service that asks us to wait longer than this gets its answer on the next run.
MAX_RETRY_AFTER_SECONDS = 60
USER_AGENT = "Gutcheck/0.1 ({site}; mailto:{mailto})"

logger = logging.getLogger(__name__)
sleep = time.sleep  # tests replace it to observe the waits without waiting


class RegistryError(Exception):
    """A failure to report to the user; str(error) is the sentence."""


class NotFound(RegistryError):
    pass


class Malformed(RegistryError):
    pass


class RateLimited(RegistryError):
    pass


class Unreachable(RegistryError):
    pass


class ServiceError(RegistryError):
    pass


class _Retryable(Exception):
    def __init__(self, *, response=None, error=None):
        super().__init__(str(error or response))
        self.response = response
        self.error = error
        self.retry_after = retry_after_seconds(response) if response is not None else None


def retry_after_seconds(response):
    """Seconds the service asks us to wait (Retry-After as seconds or as an HTTP date)."""
    value = (response.headers.get("Retry-After") or "").strip()
    if value.isdigit():
        return int(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())


class _WaitRetryAfter(tenacity.wait.wait_base):
    """Wait as long as Retry-After says; exponential back-off with jitter otherwise."""

    def __init__(self):
        self.fallback = tenacity.wait_exponential_jitter(initial=1, max=30)

    def __call__(self, retry_state):
        told = getattr(retry_state.outcome.exception(), "retry_after", None)
        return told if told is not None else self.fallback(retry_state)


def _told_to_wait_too_long(retry_state):
    told = getattr(retry_state.outcome.exception(), "retry_after", None)
    return told is not None and told > MAX_RETRY_AFTER_SECONDS


def base_transport():
    """The real network; tests replace this with an httpx.MockTransport."""
    return httpx.HTTPTransport()


class RateLimitedTransport(httpx.BaseTransport):
    """Waits for a permit from the service's limiter before each request."""

    def __init__(self, inner, limiter, name):
        self.inner, self.limiter, self.name = inner, limiter, name

    def handle_request(self, request):
        self.limiter.try_acquire(self.name)
        return self.inner.handle_request(request)

    def close(self):
        self.inner.close()


_limiters = {}


def limiter_for(service, per_second):
    key = (service, per_second, settings.REDIS_URL)
    if key not in _limiters:
        _limiters[key] = Limiter(_bucket(service, [Rate(per_second, Duration.SECOND)]))
    return _limiters[key]


def _bucket(service, rates):
    if settings.REDIS_URL:
        try:
            client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=5)
            return RedisBucket.init(rates, client, f"gutcheck:ratelimit:{service}")
        except redis.RedisError:
            # Still polite, only not shared with the other servers until Redis is back.
            logger.warning("Redis unavailable; %s rate limit is per process", service)
    return InMemoryBucket(rates)


class Registry:
    """One outside service: its base URL, its rate limit and its name in messages."""

    def __init__(self, service, label, base_url, per_second, params=None):
        self.service, self.label, self.params = service, label, params or {}
        self.down = None  # the error that showed the service is unavailable for this batch
        transport = RateLimitedTransport(
            base_transport(), limiter_for(service, per_second), service
        )
        self.client = httpx.Client(
            base_url=base_url,
            transport=transport,
            timeout=httpx.Timeout(settings.SOURCE_IMPORT["HTTP_TIMEOUT_SECONDS"]),
            headers={"User-Agent": user_agent()},
            follow_redirects=True,
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.client.close()

    def get(self, path, params=None):
        """The response to GET path, or a RegistryError saying why there is none.

        Once the service has failed as a whole (no network, rate limited, 5xx),
        the rest of the batch gets the same answer without asking again.
        """
        if self.down is not None:
            raise self.down
        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception_type(_Retryable),
            wait=_WaitRetryAfter(),
            stop=tenacity.stop_after_attempt(MAX_ATTEMPTS) | _told_to_wait_too_long,
            sleep=lambda seconds: sleep(seconds),
            reraise=True,
        )
        try:
            return retrying(self._attempt, path, {**self.params, **(params or {})})
        except _Retryable as last:
            self.down = self._gave_up(last)
            raise self.down from last

    def get_json(self, path, params=None):
        response = self.get(path, params)
        try:
            return response.json()
        except ValueError as error:
            raise self.malformed() from error

    def malformed(self):
        return Malformed(
            _("%(service)s sent a response we cannot read; try again later.")
            % {"service": self.label}
        )

    def _attempt(self, path, params):
        try:
            response = self.client.get(path, params=params)
        except httpx.TransportError as error:
            raise _Retryable(error=error) from error
        status = response.status_code
        if status == 429 or status >= 500:
            raise _Retryable(response=response)
        if status == 404:
            raise NotFound(
                _("%(service)s does not know this identifier.") % {"service": self.label}
            )
        if status >= 400:
            raise ServiceError(
                _("%(service)s refused the request (HTTP %(status)s).")
                % {"service": self.label, "status": status}
            )
        return response

    def _gave_up(self, last):
        values = {"service": self.label}
        if last.error is not None:
            values["error"] = type(last.error).__name__
            return Unreachable(
                _(
                    "Could not reach %(service)s (%(error)s). Check the server's internet connection and try again."
                )
                % values
            )
        if last.response.status_code == 429:
            return RateLimited(
                _(
                    "%(service)s is limiting our requests (HTTP 429); nothing was changed. Try again later."
                )
                % values
            )
        values["status"] = last.response.status_code
        return ServiceError(
            _("%(service)s is not answering properly (HTTP %(status)s); try again later.") % values
        )


def user_agent():
    return USER_AGENT.format(site=settings.SITE_URL, mailto=settings.CROSSREF_MAILTO)
