"""Mail around a submission: the writer's private link, and a throttled alert to moderators.

Addresses are only ever used as recipients: never logged, never put in a message body.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from blog.workflow.notify import site_language
from comments import conf
from comments.models import Comment, ModeratorAlert

logger = logging.getLogger(__name__)
ALERT_CHANNEL = "waiting-items"


def new_submission(comment, *, manage_url):
    if comment.email:
        _send(
            _("Your submission on Gutcheck"),
            render_to_string(
                "comments/email_writer.txt", {"comment": comment, "manage_url": manage_url}
            ),
            [comment.email],
        )
    if comment.status == Comment.Status.PENDING:
        alert_moderators()


def alert_moderators(*, now=None):
    """Mail moderators that items wait, at most once per NOTIFY_EVERY_MINUTES across processes."""
    now = now or timezone.now()
    alert, _created = ModeratorAlert.objects.get_or_create(channel=ALERT_CHANNEL)
    quiet_since = now - timedelta(minutes=conf.get("NOTIFY_EVERY_MINUTES"))
    claimed = (
        ModeratorAlert.objects.filter(pk=alert.pk)
        .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=quiet_since))
        .update(last_sent_at=now)
    )
    if not claimed:
        return False
    waiting = Comment.objects.waiting().count()
    queue_url = settings.SITE_URL + reverse("admin:comments_comment_changelist")
    with site_language():  # moderators read the site's language, whatever the reader used
        subject = ngettext(
            "Gutcheck: %(n)d submission awaiting moderation",
            "Gutcheck: %(n)d submissions awaiting moderation",
            waiting,
        ) % {"n": waiting}
        body = render_to_string(
            "comments/email_moderators.txt", {"waiting": waiting, "queue_url": queue_url}
        )
    _send(subject, body, moderator_addresses())
    return True


def moderator_addresses():
    moderators = (
        get_user_model()
        .objects.with_perm("comments.moderate_comment", include_superusers=False)
        .exclude(email="")
    )
    return sorted({user.email for user in moderators}) or list(settings.EDITORS_EMAIL)


def _send(subject, body, recipients):
    """Send one message; a mail outage must not lose the submission. Never logs addresses."""
    try:
        send_mail(subject, body, None, recipients)
    except (OSError, smtplib.SMTPException) as error:
        # Only the type: SMTP errors can carry the refused addresses in their text.
        logger.warning("Could not send comment mail %r: %s", subject, type(error).__name__)
