"""GDPR: erase or export one person's submissions, and the retention purge.

A person is found by the email address they gave; nothing here prints, logs or
returns that address. Audit entries about removed items keep who decided what
and when, but lose any copy of the reader's text (a redaction's original).
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from blog import audit
from blog.models import AuditEntry
from blog.models.comments import EXPERIENCE_FIELDS, Comment

REMOVABLE_STATUSES = (Comment.Status.SPAM, Comment.Status.REJECTED, Comment.Status.WITHDRAWN)


@transaction.atomic
def erase(email):
    """Delete everything this person sent (and replies hanging under it); return the counts."""
    own = set(Comment.objects.by_email(email).values_list("pk", flat=True))
    replies = set(Comment.objects.filter(parent_id__in=own).values_list("pk", flat=True)) - own
    _delete(own | replies)
    if own:
        audit.record(
            "comment_erase",
            reason="AVG: verzoek tot verwijdering",
            data={"items": len(own), "replies": len(replies)},
        )
    return len(own), len(replies)


def export(email):
    """Everything stored about this person's submissions, as JSON-ready data."""
    items = Comment.objects.by_email(email).select_related("article").order_by("created_at")
    return {
        "generated_at": timezone.now().isoformat(),
        "note": "Alle bijdragen die met dit e-mailadres zijn ingestuurd. Het adres zelf staat "
        "hier niet in: het is het adres waarmee dit verzoek is gedaan.",
        "items": [_exported(item) for item in items],
    }


def _exported(item):
    data = {
        "id": item.pk,
        "article": item.article.live_title or item.article.title,
        "article_url": item.article.get_absolute_url(),
        "kind": item.kind,
        "reply_to": item.parent_id,
        "name": item.name,
        "text": item.body,
        "status": item.status,
        "sent_at": item.created_at.isoformat(),
        "moderated_at": item.moderated_at.isoformat() if item.moderated_at else None,
        "moderation_reason": item.moderation_reason,
        "consent_at": item.consent_at.isoformat() if item.consent_at else None,
        "consent_version": item.consent_version,
        "ip_address": "opgeslagen als onomkeerbare hash" if item.ip_hash else "niet opgeslagen",
    }
    if item.is_experience:
        data["experience"] = {name: getattr(item, name) for name in EXPERIENCE_FIELDS}
    return data


def purgeable(days, *, now=None):
    """Spam, rejected and withdrawn items decided more than `days` days ago."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return Comment.objects.filter(status__in=REMOVABLE_STATUSES).filter(
        Q(moderated_at__lt=cutoff) | Q(moderated_at__isnull=True, created_at__lt=cutoff)
    )


@transaction.atomic
def purge(days, *, now=None):
    ids = set(purgeable(days, now=now).values_list("pk", flat=True))
    ids |= set(Comment.objects.filter(parent_id__in=ids).values_list("pk", flat=True))
    _delete(ids)
    if ids:
        audit.record(
            "comment_purge", reason=f"Bewaartermijn {days} dagen", data={"items": len(ids)}
        )
    return len(ids)


def _delete(ids):
    content_type = ContentType.objects.get_for_model(Comment)
    AuditEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in ids]
    ).update(data={})
    Comment.objects.filter(pk__in=ids).delete()
