from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One row per state transition or editorial decision; never edited."""

    class Action(models.TextChoices):
        """Every action recorded; an action not listed here is shown as its code."""

        PUBLISH = "publish", _("published")
        PUBLISH_SCHEDULED = "publish_scheduled", _("published as scheduled")
        WITHDRAW = "withdraw", _("withdrawn")
        SCHEDULE = "schedule", _("scheduled")
        UNSCHEDULE = "unschedule", _("schedule cancelled")
        SCHEDULE_FAILED = "schedule_failed", _("scheduled publication refused by the gate")
        REVIEW_SUBMIT = "review_submit", _("submitted for medical review")
        REVIEW_APPROVE = "review_approve", _("medically approved")
        REVIEW_CHANGES = "review_changes", _("changes requested by the medical reviewer")
        REVERT = "revert", _("earlier version restored")
        CORRECTION = "correction", _("correction published")
        PREVIEW_CREATE = "preview_create", _("preview link created")
        PREVIEW_REVOKE = "preview_revoke", _("preview link revoked")
        COMMENT_APPROVE = "comment_approve", _("submission approved")
        COMMENT_REJECT = "comment_reject", _("submission rejected")
        COMMENT_SPAM = "comment_spam", _("submission marked as spam")
        COMMENT_WITHDRAW = "comment_withdraw", _("submission withdrawn by its writer")
        COMMENT_REDACT = "comment_redact", _("submission edited by a moderator")
        COMMENT_ERASE = "comment_erase", _("submissions erased (GDPR request)")
        COMMENT_PURGE = "comment_purge", _("submissions deleted (retention period)")
        SOURCE_INTEGRITY = "source_integrity", _("integrity status of a source changed")
        SOURCE_INTEGRITY_FLAG = "source_integrity_flag", _("cited source's integrity changed")
        SOURCE_URL_CLEARED = "source_url_cleared", _("source URL removed (not a web address)")
        LINT_MARK_CLAIM = "lint_mark_claim", _("sentence marked as a claim")
        LINT_DISMISS = "lint_dismiss", _("linter finding dismissed: not a health claim")
        LINT_WAIVE = "lint_waive", _("linter finding waived with a reason")
        LINT_REVOKE = "lint_revoke", _("dismissal or waiver of a linter finding withdrawn")

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    action = models.CharField(_("action"), max_length=40, db_index=True, choices=Action.choices)
    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        # The table it had when the log lived in the blog app: existing entries stay put.
        db_table = "blog_auditentry"
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
