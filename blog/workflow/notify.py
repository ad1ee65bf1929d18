"""E-mail to the people a workflow step concerns (where EMAIL_URL says; see settings)."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def admin_url(article):
    return settings.SITE_URL + reverse("admin:blog_article_change", args=[article.pk])


def reviewer_addresses():
    reviewers = (
        get_user_model()
        .objects.with_perm("blog.review_article", include_superusers=False)
        .exclude(email="")
    )
    return sorted({user.email for user in reviewers}) or list(settings.EDITORS_EMAIL)


def addresses_for(user):
    """The user's own address, or the editors' shared inbox when there is none."""
    email = getattr(user, "email", "") if user is not None else ""
    return [email] if email else list(settings.EDITORS_EMAIL)


def site_language():
    """Write notifications in the site's language, whatever language the trigger used."""
    return translation.override(settings.LANGUAGE_CODE)


def send(subject, body, recipients):
    """Send one message; a mail server outage must not undo the editorial step."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except (smtplib.SMTPException, OSError) as error:
        # Neither the recipients nor the error's text (SMTP errors quote refused addresses).
        logger.warning("Notification %r could not be sent: %s", subject, type(error).__name__)
