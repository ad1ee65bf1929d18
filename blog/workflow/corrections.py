"""Public correction notes, recorded when a published article is withdrawn or corrected."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

import audit
from blog.models import Correction, Edition


def _title(article):
    """The title readers last saw: the newest edition's."""
    edition = article.editions.order_by("-number").first()
    return (edition.title if edition else article.title)[:200]


def record_withdrawal(article, *, by, reason):
    """Called by publishing.withdraw, in its transaction: the reason becomes the public notice."""
    return Correction.objects.create(
        article=article,
        kind=Correction.Kind.WITHDRAWAL,
        note=reason,
        article_title=_title(article),
        created_by=by,
    )


@transaction.atomic
def publish_correction(article, *, by, note):
    """Publish the corrected version through the gate and tell readers what changed."""
    if not (note or "").strip():
        raise ValidationError(_("Describe for readers what was corrected."))
    if not article.is_public:
        raise ValidationError(
            _("Only a published article can receive a correction; just publish a draft.")
        )
    article.publish(by=by)
    correction = Correction.objects.create(
        article=article,
        kind=Correction.Kind.CORRECTION,
        note=note.strip(),
        article_title=_title(article),
        created_by=by,
    )
    audit.record(
        "correction",
        actor=by,
        article=article,
        data={"correction": correction.pk},
        from_state=article.status,
        to_state=article.status,
        reason=note,
    )
    return correction


def withdrawal_notice(article):
    return article.corrections.filter(kind=Correction.Kind.WITHDRAWAL).first()


def log():
    """Every correction and withdrawal, newest first, for the public log page."""
    newest = Edition.objects.filter(article=OuterRef("article")).order_by("-number")
    return Correction.objects.annotate(article_slug=Subquery(newest.values("slug")[:1])).only(
        "kind", "note", "article_title", "created_at"
    )
