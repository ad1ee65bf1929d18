"""Storing a reader's submission: exactly once, within the rate limit, never published."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from comments import antispam
from comments.models import Comment


class RateLimited(Exception):
    """This address has sent the allowed number of submissions for now."""


class FormAlreadyUsed(Exception):
    """A submission has already been stored with this form; a new one needs a fresh form."""


def submit(form, *, ip_hash, user=None):
    """Store a validated CommentForm; return (comment, created).

    A repeat of an item already stored (double click, reload, a second tab)
    returns the stored item instead of a copy.
    """
    comment = _prepare(form.instance, ip_hash=ip_hash, user=user)
    token = form.data.get("started")
    try:
        with transaction.atomic():
            existing = Comment.objects.filter(dedupe_key=comment.dedupe_key).first()
            if existing is not None:
                return existing, False
            if antispam.form_token_used(token):
                raise FormAlreadyUsed
            antispam.take_turn(ip_hash)
            if not comment.is_editor_reply and antispam.rate_limited(ip_hash):
                raise RateLimited
            comment.form_nonce = antispam.form_token_nonce(token) or None
            comment.save()
            if comment.status == Comment.Status.SPAM:
                audit.record(
                    "comment_spam",
                    obj=comment,
                    article=comment.article,
                    from_state=Comment.Status.PENDING,
                    to_state=comment.status,
                    reason=comment.moderation_reason,
                )
    except IntegrityError:  # stored by a parallel request a moment ago: this item, or this form
        existing = Comment.objects.filter(dedupe_key=comment.dedupe_key).first()
        if existing is None:
            raise FormAlreadyUsed from None
        return existing, False
    return comment, True


def _prepare(comment, *, ip_hash, user):
    comment.ip_hash = ip_hash
    if user is not None and user.is_authenticated and user.is_staff:
        comment.user = user
        comment.is_editor_reply = True
    comment.dedupe_key = antispam.dedupe_key(comment)
    assessment = antispam.assess(comment)
    assessment.apply_to(comment)
    if assessment.blocked:
        comment.status = Comment.Status.SPAM
        comment.moderated_at = timezone.now()
        comment.moderation_reason = _("Contains a word from the block list.")
    return comment
