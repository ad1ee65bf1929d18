"""Retractions and expressions of concern: recording them and who must know.

A change of a source's integrity status takes effect everywhere at once: the
gate reads the status live (drafts citing a retracted source stop being
ready), published articles citing it are flagged in the admin and get a live
notice on their page (their stored snapshot is never altered), the editors get
an email, and the audit log records who did it.
"""

import logging
import smtplib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import audit
from blog.models import Article
from evidence.models import Citation, Source

logger = logging.getLogger(__name__)

# Statuses that put an article on the editors' desk.
FLAGGED = (Source.Integrity.RETRACTED, Source.Integrity.CONCERN)


def articles_citing(sources):
    """Articles whose working copy cites any of the given sources (a queryset)."""
    return Article.objects.filter(claims__citations__source__in=sources).distinct()


def articles_citing_status(status):
    return articles_citing(Source.objects.filter(integrity_status=status))


def live_citation_filter(status):
    """Q for articles whose working copy cites a source with this status (for admin filters)."""
    return Q(pk__in=articles_citing_status(status).values("pk"))


@transaction.atomic
def set_status(source, status, notice="", *, by=None):
    status = Source.Integrity(status)
    if status != Source.Integrity.NONE and not (notice or "").strip():
        raise ValidationError(
            {
                "integrity_notice": _(
                    "Describe the notice and where it appears, e.g. the link to the notice."
                )
            }
        )
    locked = Source.objects.select_for_update().get(pk=source.pk)
    previous = locked.integrity_status
    source.integrity_status = status
    source.integrity_notice = notice or ""
    source.integrity_checked_at = timezone.now()
    source.save()
    if status != previous:
        _after_change(source, previous, by)
    return source


def _after_change(source, previous, by):
    if source.integrity_status == Source.Integrity.CONCERN:
        # A new concern needs a fresh look at every citation of the source.
        Citation.objects.filter(source=source).update(concern_acknowledged=False)
    articles = list(articles_citing([source]).order_by("pk"))
    audit.record(
        "source_integrity",
        actor=by,
        obj=source,
        from_state=previous,
        to_state=source.integrity_status,
        reason=source.integrity_notice,
        data={"articles": [a.pk for a in articles]},
    )
    for article in articles:
        audit.record(
            "source_integrity_flag",
            actor=by,
            article=article,
            from_state=article.status,
            to_state=article.status,
            reason=source.integrity_notice,
            data={"source": source.pk, "integrity_status": source.integrity_status},
        )
    if source.integrity_status in FLAGGED:
        transaction.on_commit(lambda: _email_editors(source, articles))


def _email_editors(source, articles):
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Source %(status)s: %(title)s") % {
            "status": source.get_integrity_status_display(),
            "title": source.title[:120],
        }
        lines = [
            _("The source “%(title)s” now has the status '%(status)s'.")
            % {"title": source, "status": source.get_integrity_status_display()},
            _("Notice: %(notice)s") % {"notice": source.integrity_notice},
            "",
            _("Articles citing this source:") if articles else _("No articles cite this source."),
        ]
        lines += [f"- {a.title} ({a.get_status_display()}): {_admin_link(a)}" for a in articles]
        body = "\n".join(str(line) for line in lines)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, list(settings.EDITORS_EMAIL))
    except (smtplib.SMTPException, OSError) as error:
        # The status is recorded and the admin shows the flags; a mail outage must not undo that.
        # Only the error's type: SMTP errors carry the refused addresses in their text.
        logger.warning(
            "Could not email editors about source %s: %s", source.pk, type(error).__name__
        )


def _admin_link(article):
    return settings.SITE_URL + reverse("admin:blog_article_change", args=[article.pk])


def live_status(source_ids):
    """The worst integrity status among these sources, with one query; '' when none is flagged."""
    if not source_ids:
        return ""
    statuses = set(
        Source.objects.filter(pk__in=source_ids, integrity_status__in=FLAGGED).values_list(
            "integrity_status", flat=True
        )
    )
    for status in FLAGGED:
        if status in statuses:
            return status
    return ""
