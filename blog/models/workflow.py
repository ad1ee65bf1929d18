"""Editorial workflow records: revisions, medical reviews, preview links, corrections.

The rules that create and read these rows live in the blog.workflow package;
the public read path never touches revisions or reviews.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Revision(models.Model):
    """A copy of an article (fields, claims, citations, disclaimers) after one save."""

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    number = models.PositiveIntegerField(_("versie"))
    created_at = models.DateTimeField(_("opgeslagen op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="article_revisions",
    )
    data = models.JSONField(_("inhoud"), default=dict)
    data_hash = models.CharField(max_length=64, editable=False)
    content_hash = models.CharField(
        max_length=64,
        editable=False,
        db_index=True,
        help_text=_(
            "Vingerafdruk van tekst, claims en bronnen: een medische beoordeling geldt "
            "alleen zolang deze gelijk blijft."
        ),
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_unique")
        ]
        verbose_name = _("versie")
        verbose_name_plural = _("versies")

    def __str__(self):
        return _("versie %(n)s") % {"n": self.number}


class Review(models.Model):
    """One step of the medical review: a request, an approval or a request for changes."""

    class Decision(models.TextChoices):
        REQUESTED = "requested", _("aangevraagd")
        APPROVED = "approved", _("goedgekeurd")
        CHANGES_REQUESTED = "changes", _("wijzigingen gevraagd")

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("versie"),
        on_delete=models.CASCADE,
        related_name="reviews",
        help_text=_("Een goedkeuring geldt alleen voor deze versie van tekst, claims en bronnen."),
    )
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="article_reviews",
    )
    comment = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("medische beoordeling")
        verbose_name_plural = _("medische beoordelingen")

    def __str__(self):
        return f"{self.get_decision_display()} · {self.revision}"


def new_preview_token():
    return secrets.token_urlsafe(32)


class PreviewLink(models.Model):
    """An unguessable, expiring link that shows a draft to someone without an account."""

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    token = models.CharField(max_length=64, unique=True, default=new_preview_token, editable=False)
    label = models.CharField(
        _("voor wie"),
        max_length=120,
        blank=True,
        help_text=_("Bijv. 'externe dermatoloog'; alleen zichtbaar voor de redactie."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="preview_links",
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("verloopt op"), help_text=_("Na dit moment toont de link niets meer.")
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingetrokken door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("previewlink")
        verbose_name_plural = _("previewlinks")

    def __str__(self):
        return self.label or _("previewlink %(n)s") % {"n": self.pk}

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
        CORRECTION = "correction", _("correctie")
        WITHDRAWAL = "withdrawal", _("teruggetrokken")

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    note = models.TextField(
        _("toelichting voor lezers"),
        help_text=_("Wat was er mis en wat is er veranderd; lezers zien deze tekst letterlijk."),
    )
    article_title = models.CharField(_("titel op dat moment"), max_length=200)
    created_at = models.DateTimeField(_("datum"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="article_corrections",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("correctie")
        verbose_name_plural = _("correcties")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.article_title}"


@receiver(post_save, sender="blog.Article", dispatch_uid="workflow-revision-on-save")
def _revision_on_save(sender, instance, raw=False, **kwargs):
    # The admin records its revision after the inlines are saved (save_related),
    # so it switches this off for the form save itself.
    if raw or getattr(instance, "_skip_revision", False):
        return
    from blog.workflow.revisions import record_revision

    record_revision(instance, by=getattr(instance, "_revision_by", None))
