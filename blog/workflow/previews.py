"""Preview links: an unguessable, expiring address that shows a draft to an outside reviewer."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from blog.models import PreviewLink

MAX_DAYS = 30


def create_link(article, *, by, days=7, label=""):
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            _(
                "A preview link is valid for 1 to %(max)s days; choose a number of days in that range."
            )
            % {"max": MAX_DAYS}
        )
    link = PreviewLink.objects.create(
        article=article,
        created_by=by,
        label=label,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    audit.record(
        "preview_create",
        actor=by,
        article=article,
        data={"link": link.pk, "expires_at": link.expires_at.isoformat(), "label": label},
    )
    return link


def revoke_link(link, *, by):
    if link.is_revoked:
        return link
    link.revoked_at = timezone.now()
    link.revoked_by = by
    link.save(update_fields=["revoked_at", "revoked_by"])
    audit.record("preview_revoke", actor=by, article=link.article, data={"link": link.pk})
    return link


def public_url(link):
    return settings.SITE_URL + reverse("blog:preview", kwargs={"token": link.token})
