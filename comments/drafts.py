"""A refused submission, kept for the POST/redirect/GET round trip.

A post that cannot be stored (too fast, missing consent, rate limit…) is kept in the
reader's session and the browser is sent on (303) to the form page, which shows it
again. Back and Reload then never re-send a form, and nothing the reader typed is lost.
The form page validates the draft as of the moment it was sent, so it shows exactly
that attempt's errors however much later it is opened. A draft is dropped once the
item is stored, or when it is older than the form's maximum age.
"""

import time
from dataclasses import dataclass

from django.http import QueryDict

from comments import conf

KEY = "comment-draft-{pk}"
NOT_KEPT = {"csrfmiddlewaretoken"}


@dataclass
class Draft:
    data: QueryDict
    sent_at: float
    rate_limited: bool
    used_token: bool = False


def keep(request, article, *, rate_limited=False, used_token=False):
    request.session[KEY.format(pk=article.pk)] = {
        "data": {key: values for key, values in request.POST.lists() if key not in NOT_KEPT},
        "sent_at": time.time(),
        "rate_limited": rate_limited,
        "used_token": used_token,
    }
    if not request.user.is_authenticated:
        # A reader's session exists only for the draft: it ends when the form expires.
        request.session.set_expiry(conf.get("MAX_AGE_SECONDS"))


def load(request, article):
    """The reader's kept draft for this article, or None."""
    stored = request.session.get(KEY.format(pk=article.pk))
    if not stored or time.time() - stored["sent_at"] > conf.get("MAX_AGE_SECONDS"):
        forget(request, article)
        return None
    data = QueryDict(mutable=True)
    for key, values in stored["data"].items():
        data.setlist(key, values)
    return Draft(
        data=data,
        sent_at=stored["sent_at"],
        rate_limited=stored["rate_limited"],
        used_token=stored.get("used_token", False),
    )


def forget(request, article):
    request.session.pop(KEY.format(pk=article.pk), None)
