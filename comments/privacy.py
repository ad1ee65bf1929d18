"""GDPR: erase or export one person's submissions, and the retention purge.

A person is found by the email address they gave; nothing here prints, logs or
returns that address. Audit entries about removed items keep who decided what
and when, but lose any copy of the reader's text (a redaction's original).

Each command removes exactly the submissions it names. A reply another reader
wrote under one of them is that reader's, and stays: the removed item becomes a
placeholder ("[verwijderd]") that keeps the thread together and holds nothing
of the person. The dry runs report the same plan the real runs carry out.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

import audit
from audit.models import AuditEntry
from blog import rendering
from comments.models import EXPERIENCE_FIELDS, Comment, new_withdraw_token

REMOVABLE_STATUSES = (Comment.Status.SPAM, Comment.Status.REJECTED, Comment.Status.WITHDRAWN)


@dataclass(frozen=True)
class Removal:
    """What removing a set of submissions does: rows deleted, rows kept as a placeholder."""

    deleted: frozenset
    placeholders: frozenset  # removed items that other readers' replies hang under

    @property
    def count(self):
        return len(self.deleted) + len(self.placeholders)


def removal_of(ids):
    """The plan for removing exactly these submissions and nothing of anyone else."""
    ids = frozenset(ids)
    replied_to = frozenset(
        Comment.objects.filter(parent_id__in=ids)
        .exclude(pk__in=ids)
        .values_list("parent_id", flat=True)
    )
    return Removal(deleted=ids - replied_to, placeholders=replied_to)


def erasure(email):
    return removal_of(Comment.objects.by_email(email).values_list("pk", flat=True))


def purge_plan(days, *, now=None):
    return removal_of(purgeable(days, now=now).values_list("pk", flat=True))


@transaction.atomic
def erase(email):
    """Remove everything this person sent; return the Removal carried out."""
    removal = erasure(email)
    _carry_out(removal)
    if removal.count:
        audit.record(
            "comment_erase", reason="AVG: verzoek tot verwijdering", data=_summary(removal)
        )
    return removal


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
        "article": item.article.public_title,
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
    return Comment.objects.filter(status__in=REMOVABLE_STATUSES, removed_at__isnull=True).filter(
        Q(moderated_at__lt=cutoff) | Q(moderated_at__isnull=True, created_at__lt=cutoff)
    )


@transaction.atomic
def purge(days, *, now=None):
    """Remove what the retention period has passed; return the Removal carried out."""
    removal = purge_plan(days, now=now)
    _carry_out(removal)
    if removal.count:
        audit.record("comment_purge", reason=f"Bewaartermijn {days} dagen", data=_summary(removal))
    return removal


def placeholder_text():
    """What readers see instead of a removed item that others replied to."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("[removed]")


def _summary(removal):
    return {"items": removal.count, "placeholders": len(removal.placeholders)}


def _carry_out(removal):
    content_type = ContentType.objects.get_for_model(Comment)
    AuditEntry.objects.filter(
        content_type=content_type,
        object_id__in=[str(pk) for pk in removal.deleted | removal.placeholders],
    ).update(data={})
    emptied = _emptied()
    for pk in removal.placeholders:
        Comment.objects.filter(pk=pk).update(**emptied, withdraw_token=new_withdraw_token())
    Comment.objects.filter(pk__in=removal.deleted).delete()


def _emptied():
    """A placeholder keeps its place in the thread and nothing of the person who wrote it."""
    text = placeholder_text()
    return {
        "kind": Comment.Kind.COMMENT,
        "name": text,
        "body": text,
        "body_html": rendering.render_plain_text(text),
        "email": "",
        "ip_hash": "",
        "dedupe_key": None,
        **{name: "" for name in EXPERIENCE_FIELDS},
        "consent_at": None,
        "consent_version": "",
        "flags": "",
        "flag_details": [],
        "score": 0,
        "moderation_reason": "",
        "removed_at": timezone.now(),
    }
