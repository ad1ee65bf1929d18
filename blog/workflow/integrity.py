"""What the newsroom does when a cited source's integrity changes (evidence.signals).

evidence records the new status; the articles citing the source are blog's business:
each gets an audit entry on its history, and the editors get an email listing them.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

import audit
from blog.workflow import notify
from evidence.articles import articles_citing
from evidence.integrity import FLAGGED

logger = logging.getLogger(__name__)


def on_integrity_changed(sender, *, source, previous, by, **kwargs):
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
        transaction.on_commit(lambda: email_editors(source, articles))


def email_editors(source, articles):
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
        lines += [
            f"- {a.title} ({a.get_status_display()}): {notify.admin_url(a)}" for a in articles
        ]
        body = "\n".join(str(line) for line in lines)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, list(settings.EDITORS_EMAIL))
    except (smtplib.SMTPException, OSError) as error:
        # The status is recorded and the admin shows the flags; a mail outage must not undo that.
        # Only the error's type: SMTP errors carry the refused addresses in their text.
        logger.warning(
            "Could not email editors about source %s: %s", source.pk, type(error).__name__
        )
