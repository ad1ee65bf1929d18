"""The comment settings, with defaults; override any of them in settings.GUTCHECK_COMMENTS."""

from django.conf import settings

DEFAULTS = {
    # A human needs a few seconds to write; a form older than this is stale.
    "MIN_SECONDS": 3,
    "MAX_AGE_SECONDS": 2 * 60 * 60,
    # Per IP address (counted from stored submissions, so it holds across processes).
    "RATE_LIMIT": 5,
    "RATE_WINDOW_SECONDS": 10 * 60,
    # Moderators get at most one "items are waiting" mail per this many minutes.
    "NOTIFY_EVERY_MINUTES": 15,
    # purge_moderated deletes spam, rejected and withdrawn items older than this.
    "RETENTION_DAYS": 90,
    # How many reverse proxies in front of the site append to X-Forwarded-For. 0: the header
    # is ignored (a client can write anything in it) and REMOTE_ADDR is the client.
    "TRUSTED_PROXIES": 0,
    # Bump when the consent sentence changes; each experience stores the version it agreed to.
    "CONSENT_VERSION": "2025-1",
}


def get(name):
    return {**DEFAULTS, **getattr(settings, "GUTCHECK_COMMENTS", {})}[name]
