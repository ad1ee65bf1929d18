"""Reader comments and experiences, held until a moderator has read them.

Every status change goes through a method on Comment; the admin, the public
views and the commands all call them, and each writes an audit entry.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

import audit
from blog import rendering

BODY_MAX_CHARS = 5000
REDACTABLE_FIELDS = ("name", "body", "condition", "tried", "duration")
# What identifies a reader or unlocks their submission: never shown, searched, filtered or
# ordered by in the admin, for anyone (a result count per guess would spell it out).
PRIVATE_FIELDS = ("email", "ip_hash", "withdraw_token", "dedupe_key")
EXPERIENCE_FIELDS = ("condition", "tried", "tried_type", "duration", "outcome")


def new_withdraw_token():
    return secrets.token_urlsafe(32)


class Flag(models.TextChoices):
    """Why an item was held or scored; shown to moderators, never to readers."""

    LINKS = "links", _("two or more links")
    BLOCK_WORD = "block_word", _("word from the block list")
    HOLD_WORD = "hold_word", _("word from the watch list")
    DOSE = "dose", _("dosage mentioned")
    SHOP_LINK = "shop_link", _("product or shop link")
    STOP_MEDICATION = "stop_medication", _("advice to stop medication")
    CRISIS = "crisis", _("crisis language")
    CURE_CLAIM = "cure_claim", _("cure, treatment or prevention claim")


class CommentQuerySet(models.QuerySet):
    def public(self):
        """What readers may see: approved items, and replies only under approved items."""
        return self.filter(status=Comment.Status.APPROVED).filter(
            Q(parent__isnull=True) | Q(parent__status=Comment.Status.APPROVED)
        )

    def waiting(self):
        return self.filter(status=Comment.Status.PENDING)

    def by_email(self, email):
        return self.filter(email__iexact=(email or "").strip()).exclude(email="")


class Comment(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", _("question or comment")
        EXPERIENCE = "experience", _("experience")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting moderation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        SPAM = "spam", _("spam")
        WITHDRAWN = "withdrawn", _("withdrawn by author")

    class TriedType(models.TextChoices):
        FOOD = "food", _("food")
        SUPPLEMENT = "supplement", _("supplement")
        PRODUCT = "product", _("product")
        TREATMENT = "treatment", _("treatment")

    class Outcome(models.TextChoices):
        BETTER = "better", _("better")
        NO_CHANGE = "no_change", _("no difference")
        WORSE = "worse", _("worse")
        MIXED = "mixed", _("mixed results")

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text=_("One level: a reply belongs to a submission, not to a reply."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(
        _("email address"),
        blank=True,
        help_text=_("Never show: only for the withdrawal link and GDPR requests."),
    )
    body = models.TextField(_("text"), max_length=BODY_MAX_CHARS)
    body_html = models.TextField(editable=False, default="")

    condition = models.CharField(_("condition or complaint"), max_length=120, blank=True)
    tried = models.CharField(_("what was tried"), max_length=200, blank=True)
    tried_type = models.CharField(
        _("type of remedy"), max_length=20, choices=TriedType.choices, blank=True
    )
    duration = models.CharField(_("how long"), max_length=80, blank=True)
    outcome = models.CharField(_("result"), max_length=20, choices=Outcome.choices, blank=True)

    is_editor_reply = models.BooleanField(
        _("editors"),
        default=False,
        editable=False,
        help_text=_("Written by a member of the editors; readers see the label 'Editor'."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        editable=False,
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        editable=False,
    )
    created_at = models.DateTimeField(
        _("submitted on"), default=timezone.now, db_index=True, editable=False
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderated_comments",
        editable=False,
    )
    moderated_at = models.DateTimeField(_("moderated on"), null=True, blank=True, editable=False)
    moderation_reason = models.TextField(_("reason"), blank=True, editable=False)

    flags = models.CharField(
        _("flags"),
        max_length=200,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Why the submission was held; visible to moderators only."),
    )
    flag_details = models.JSONField(default=list, blank=True, editable=False)
    score = models.PositiveSmallIntegerField(_("score"), default=0, editable=False)

    consent_at = models.DateTimeField(_("consent given on"), null=True, blank=True, editable=False)
    consent_version = models.CharField(
        _("consent text version"), max_length=20, blank=True, editable=False
    )
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    withdraw_token = models.CharField(
        max_length=64, unique=True, default=new_withdraw_token, editable=False
    )
    dedupe_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # The one-time number of the form it was sent with: one stored submission per form.
    form_nonce = models.CharField(max_length=32, unique=True, null=True, blank=True, editable=False)
    removed_at = models.DateTimeField(
        _("removed on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Emptied by a GDPR erasure or the retention period; kept only as the placeholder under which other readers' replies stay."
        ),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        # The tables keep the names they had in the blog app: existing rows stay put.
        db_table = "blog_comment"
        ordering = ["-created_at", "-id"]
        verbose_name = _("reader submission")
        verbose_name_plural = _("reader submissions")
        permissions = [
            ("moderate_comment", _("Can approve, reject and edit reader submissions")),
        ]
        indexes = [models.Index(fields=["article", "status"], name="comment_article_status")]

    def __str__(self):
        # No name or text: this string ends up in the audit log and admin history.
        return gettext("Submission #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        if len(self.body) > BODY_MAX_CHARS:
            raise ValidationError(
                gettext("A submission is at most %(limit)d characters.") % {"limit": BODY_MAX_CHARS}
            )
        if self._state.adding:
            errors = self.submission_errors()
            if errors:
                raise ValidationError(errors)
        self.body_html = rendering.render_plain_text(self.body)
        super().save(*args, **kwargs)

    @property
    def flag_codes(self):
        return [code for code in self.flags.split(",") if code]

    @property
    def is_experience(self):
        return self.kind == self.Kind.EXPERIENCE

    def submission_errors(self):
        """Every rule a new submission breaks, keyed by form field; empty = acceptable."""
        errors = {}
        if self.parent_id:
            errors.update(self._reply_errors())
        if self.is_experience:
            errors.update(self._experience_errors())
        return errors

    def _reply_errors(self):
        parent = self.parent
        if parent.article_id != self.article_id or parent.parent_id is not None:
            return {"parent": gettext("You can only reply to a submission on this article.")}
        if self.is_experience:
            return {"kind": gettext("A reply is a comment, not an experience.")}
        return {}

    def _experience_errors(self):
        messages = {
            "condition": gettext("Enter which condition or complaint it concerns."),
            "tried": gettext("Enter what you tried."),
            "tried_type": gettext("Choose what kind of remedy it was."),
            "duration": gettext("Enter how long you tried it."),
            "outcome": gettext("Choose what happened."),
        }
        errors = {
            field: message
            for field, message in messages.items()
            if not getattr(self, field).strip()
        }
        if self.consent_at is None:
            errors["consent"] = gettext(
                "Give consent to publish your health experience, or choose 'question or comment'."
            )
        return errors

    # Transitions. Each locks the row, refuses what makes no sense, and writes the audit entry.
    def approve(self, *, by):
        return self._move(self.Status.APPROVED, by=by, action="comment_approve")

    def reject(self, *, by, reason):
        if not (reason or "").strip():
            raise ValidationError(gettext("Give a reason for rejecting a submission."))
        return self._move(
            self.Status.REJECTED, by=by, action="comment_reject", reason=reason.strip()
        )

    def mark_spam(self, *, by, reason=""):
        return self._move(self.Status.SPAM, by=by, action="comment_spam", reason=reason)

    def withdraw(self):
        """The writer takes it back with their private link; it leaves the site at once."""
        return self._move(
            self.Status.WITHDRAWN,
            by=None,
            action="comment_withdraw",
            reason=gettext("Withdrawn by the author."),
        )

    @transaction.atomic
    def _move(self, to, *, by, action, reason=""):
        fresh = type(self).objects.select_for_update().get(pk=self.pk)
        if fresh.status == self.Status.WITHDRAWN:
            raise ValidationError(gettext("This submission has been withdrawn by the author."))
        if fresh.status == to:
            raise ValidationError(
                gettext("This submission already has the status '%(status)s'.")
                % {"status": self.Status(to).label}
            )
        changes = {
            "status": to,
            "moderated_by": by if getattr(by, "pk", None) else None,
            "moderated_at": timezone.now(),
            "moderation_reason": reason,
        }
        if to == self.Status.WITHDRAWN:
            changes["dedupe_key"] = None  # the writer may post the same text again later
        type(self).objects.filter(pk=self.pk).update(**changes)
        for field, value in changes.items():
            setattr(self, field, value)
        audit.record(
            action,
            actor=by,
            obj=self,
            article=fresh.article,
            from_state=fresh.status,
            to_state=to,
            reason=reason,
        )
        return self

    @transaction.atomic
    def redact(self, *, by, reason="", **changes):
        """Edit what readers will see; the original text is kept in the audit trail."""
        unknown = set(changes) - set(REDACTABLE_FIELDS)
        if unknown:
            raise ValueError(f"Not redactable: {sorted(unknown)}")
        fresh = type(self).objects.select_for_update().get(pk=self.pk)
        original = {f: getattr(fresh, f) for f, v in changes.items() if getattr(fresh, f) != v}
        if not original:
            return self
        for field in original:
            setattr(fresh, field, changes[field])
        fresh.save()
        for field in (*original, "body_html"):
            setattr(self, field, getattr(fresh, field))
        audit.record(
            "comment_redact",
            actor=by,
            obj=fresh,
            article=fresh.article,
            from_state=fresh.status,
            to_state=fresh.status,
            reason=reason,
            data={"original": original},
        )
        return self


class ModerationWord(models.Model):
    """Words moderators maintain: 'block' files a submission as spam, 'hold' flags it."""

    class Action(models.TextChoices):
        BLOCK = "block", _("block: straight to spam")
        HOLD = "hold", _("hold with flag")

    phrase = models.CharField(
        _("word or phrase"),
        max_length=100,
        unique=True,
        help_text=_(
            "Capitalization does not matter; only whole words count ('pil' does not match 'pilates')."
        ),
    )
    action = models.CharField(
        _("action"), max_length=10, choices=Action.choices, default=Action.HOLD
    )
    note = models.CharField(_("explanation"), max_length=200, blank=True)

    class Meta:
        db_table = "blog_moderationword"
        ordering = ["action", "phrase"]
        verbose_name = _("moderation word")
        verbose_name_plural = _("moderation words")

    def __str__(self):
        return self.phrase

    def save(self, *args, **kwargs):
        self.phrase = " ".join(self.phrase.split()).lower()
        super().save(*args, **kwargs)


class ModeratorAlert(models.Model):
    """When moderators were last mailed about waiting items; shared by every process."""

    channel = models.CharField(max_length=40, unique=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "blog_moderatoralert"
        verbose_name = _("moderation flag")
        verbose_name_plural = _("moderation flags")

    def __str__(self):
        return self.channel
