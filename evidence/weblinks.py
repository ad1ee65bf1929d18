"""Which stored URLs may become links: web addresses (http, https) and nothing else.

A `javascript:` or `data:` URL in a source record would run in the site's origin when a
reader clicks it. Every write path refuses one: the model's validation (forms, importers
calling full_clean or save), and a database constraint for what bypasses both
(update(), bulk_create()). Every template that turns a stored URL into a link goes
through web_url() as well, so an old value can never become a link either.
"""

from urllib.parse import urlsplit

from django.core.validators import URLValidator
from django.db.models import Q
from django.db.models.functions import Lower, LTrim
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")

validate_web_url = URLValidator(
    schemes=list(WEB_SCHEMES),
    message=_("Enter a web address that starts with http:// or https://."),
)


def is_web_url(value):
    """True for an address a browser opens as a web page (what the constraint also demands)."""
    return (value or "").lstrip(" ").lower().startswith(tuple(f"{s}://" for s in WEB_SCHEMES))


def web_url(value):
    """The address when it is an http(s) URL with a host, else '' (shown as no link)."""
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else ""


def web_url_constraint_condition(field):
    """The CheckConstraint condition: empty, or http(s):// whatever the case and leading spaces."""
    address = Lower(LTrim(field))
    return Q(**{field: ""}) | Q(
        *(StartsWith(address, f"{s}://") for s in WEB_SCHEMES), _connector=Q.OR
    )
