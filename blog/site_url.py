"""settings.SITE_URL is the one source of the site's absolute addresses.

Links in e-mails, feeds, the sitemap, robots.txt, Open Graph tags and preview links
are built from it, never from the request's Host header: a cached page or feed must
not depend on which host name a visitor happened to use, and `make run PORT=…`
sets SITE_URL to the address it serves on.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    """The full address of a site path ('/artikelen/x/' → 'https://example.org/artikelen/x/')."""
    return settings.SITE_URL + path


def scheme():
    return urlsplit(settings.SITE_URL).scheme or "https"


def domain():
    """Host and port of SITE_URL, with any path prefix (Django's sitemaps add the rest)."""
    parts = urlsplit(settings.SITE_URL)
    return parts.netloc + parts.path.rstrip("/")
