"""Middleware every request passes through before any view or database sees it."""

from django.core.exceptions import SuspiciousOperation
from django.utils import translation

NUL = "\x00"


class NulCharacterInRequest(SuspiciousOperation):
    """No page takes a NUL character, and PostgreSQL refuses to store or compare one."""


def reject_nul_characters(get_response):
    """Answer 400 to a NUL character in the path, query string, a cookie or a header.

    Form fields are left to the forms: Django's CharField refuses a NUL with a field
    error, so a reader keeps what they typed instead of getting an error page.
    """

    def middleware(request):
        where = nul_location(request)
        if where:
            # This runs before LocaleMiddleware: choose the 400 page's language here.
            translation.activate(translation.get_language_from_request(request))
            raise NulCharacterInRequest(f"NUL character in the request's {where}")
        return get_response(request)

    return middleware


def nul_location(request):
    """Which reader-controlled part of the request carries a NUL character, or ''."""
    if NUL in request.path_info or NUL in request.path:
        return "path"
    if _any_nul(pair for key, values in request.GET.lists() for pair in (key, *values)):
        return "query string"
    if _any_nul(pair for item in request.COOKIES.items() for pair in item):
        return "cookies"
    headers = (str(value) for key, value in request.META.items() if key.startswith("HTTP_"))
    if _any_nul(headers):
        return "headers"
    return ""


def _any_nul(values):
    return any(NUL in value for value in values)
