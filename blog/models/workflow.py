"""Editorial workflow records: revisions, medical reviews, preview links, corrections.

The rules that create and read these rows live in the blog.workflow package;
the public read path never touches revisions or reviews.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Revision(models.Model):
    """A copy of an article (fields, claims, citations, disclaimers) after an edit.

    Recorded by blog.workflow.revisions.record_revision, which every path that edits an
    article calls (the admin, revert, publish, the claim admin, triage, the demo); a plain
    ORM save() records none.
    """

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved on"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="article_revisions",
    )
    data = models.JSONField(_("content"), default=dict)
    data_hash = models.CharField(max_length=64, editable=False)
    content_hash = models.CharField(
        max_length=64,
        editable=False,
        db_index=True,
        help_text=_(
            "Fingerprint of everything readers see that an editor writes: a medical review is only valid as long as this stays the same."
        ),
    )
    note = models.CharField(_("explanation"), max_length=200, blank=True)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_unique")
        ]
        verbose_name = _("version")
        verbose_name_plural = _("versions")

    def __str__(self):
        return _("version %(n)s") % {"n": self.number}


class Review(models.Model):
    """One step of the medical review: a request, an approval or a request for changes."""

    class Decision(models.TextChoices):
        REQUESTED = "requested", _("requested")
        APPROVED = "approved", _("approved")
        CHANGES_REQUESTED = "changes", _("changes requested")

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="reviews",
        help_text=_(
            "An approval applies only to this version of everything readers see that an editor writes."
        ),
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="article_reviews",
    )
    comment = models.TextField(_("explanation"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("medical review")
        verbose_name_plural = _("medical reviews")

    def __str__(self):
        return f"{self.get_decision_display()} · {self.revision}"


def new_preview_token():
    return secrets.token_urlsafe(32)


class PreviewLink(models.Model):
    """An unguessable, expiring link that shows a draft to someone without an account."""

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    token = models.CharField(max_length=64, unique=True, default=new_preview_token, editable=False)
    label = models.CharField(
        _("for whom"),
        max_length=120,
        blank=True,
        help_text=_("E.g. 'external dermatologist'; visible to editors only."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="preview_links",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("expires at"), help_text=_("After this time the link no longer shows anything.")
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self):
        return self.label or _("preview link %(n)s") % {"n": self.pk}

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        return not (self.is_revoked or self.is_expired)


class Correction(models.Model):
    """A public note about a material correction or a withdrawal; never edited or deleted."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("correction")
        WITHDRAWAL = "withdrawal", _("withdrawn")

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    note = models.TextField(
        _("explanation for readers"),
        help_text=_("What was wrong and what changed; readers see this text verbatim."),
    )
    article_title = models.CharField(_("title at the time"), max_length=200)
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="article_corrections",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.article_title}"
