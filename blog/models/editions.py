"""The published edition: everything readers see of an article, as publish() wrote it.

One row per publish; earlier editions are kept, so a correction can show what
changed and a withdrawn article keeps its record. At most one edition per article
is current, and "public" means exactly that: Article.objects.published() is the
articles with a current edition. Only blog.publishing writes editions (see
docs/published-edition.md for what that promise does and does not cover).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Set only inside blog.publishing's transitions; every other write to an edition is refused.
_issuing = ContextVar("issuing_edition", default=False)


@contextmanager
def issuing():
    """The one way in: publish() and withdraw() write editions inside this block."""
    token = _issuing.set(True)
    try:
        yield
    finally:
        _issuing.reset(token)


class EditionWriteRefused(ValidationError):
    """An edition was about to be written by something other than publish() or withdraw()."""


def _refuse(what):
    raise EditionWriteRefused(
        _("Editions are written only by publish() and withdraw(), not by %(what)s.")
        % {"what": what}
    )


class EditionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def update(self, **kwargs):
        if not _issuing.get():
            _refuse("QuerySet.update()")
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        _refuse("bulk_update()")

    def bulk_create(self, objs, *args, **kwargs):
        _refuse("bulk_create()")


class Edition(models.Model):
    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="editions",
    )
    number = models.PositiveIntegerField(_("edition"))
    is_current = models.BooleanField(_("current"), default=False)

    # What readers read, frozen at publish time.
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, db_index=True)
    language = models.CharField(_("language"), max_length=5)
    lead = models.TextField(_("intro"))
    body_html = models.TextField(_("text with claim badges"))
    summary_html = models.TextField(_("evidence summary"), blank=True)
    references_html = models.TextField(_("references"), blank=True)
    disclaimers_html = models.TextField(_("disclaimers"), blank=True)
    review_html = models.TextField(_("review line"), blank=True)
    json_ld = models.TextField(_("structured data (JSON-LD)"), blank=True)
    search_text = models.TextField(_("search text"), blank=True)
    hero = models.JSONField(_("main image"), null=True, blank=True)
    # The chrome (labels, badges, review line) in the site's other languages: {code: {part: html}}.
    localized = models.JSONField(default=dict, blank=True)
    # Which sources each claim cites and which disclaimers were shown, and why.
    citations = models.JSONField(default=list, blank=True)
    disclaimers = models.JSONField(default=list, blank=True)
    reviewer = models.JSONField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64)

    # Which shared records it shows; their names and texts stay live.
    topic = models.ForeignKey(
        "blog.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="editions",
    )
    tags = models.ManyToManyField("taggit.Tag", verbose_name=_("tags"), related_name="editions")
    authors = models.ManyToManyField(
        "blog.Author", verbose_name=_("authors"), related_name="editions"
    )
    sources = models.ManyToManyField(
        "evidence.Source", verbose_name=_("cited sources"), related_name="editions"
    )
    review = models.ForeignKey(
        "blog.Review",
        verbose_name=_("medical review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="editions",
    )

    # The record.
    first_slug = models.SlugField(
        max_length=220, help_text=_("The slug at first publication: the feeds' stable id.")
    )
    first_published_at = models.DateTimeField(_("first published on"))
    published_at = models.DateTimeField(_("published on"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_editions",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="withdrawn_editions",
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "-number"]
        verbose_name = _("published edition")
        verbose_name_plural = _("published editions")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="edition_number_unique"),
            models.UniqueConstraint(
                fields=["article"],
                condition=models.Q(is_current=True),
                name="one_current_edition_per_article",
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(is_current=True),
                name="one_current_edition_per_slug",
            ),
        ]

    def __str__(self):
        return _("%(title)s, edition %(n)s") % {"title": self.title, "n": self.number}

    def save(self, *args, **kwargs):
        if not _issuing.get():
            _refuse("save()")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:article", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        # Deleting the article deletes its editions; one edition alone never goes.
        _refuse("delete()")

    def guid_url(self):
        """The address the article had when first published: what feeds use as its id."""
        return reverse("blog:article", kwargs={"slug": self.first_slug})


@receiver(pre_save, sender=Edition, dispatch_uid="edition-refuse-raw-save")
def _refuse_fixtures(sender, instance, raw=False, **kwargs):
    # loaddata calls Model.save_base() directly, past save(); only this signal sees it.
    if raw:
        _refuse("loaddata")


def _edition_relations():
    return {Edition.tags.through, Edition.authors.through, Edition.sources.through}


@receiver(m2m_changed, dispatch_uid="edition-refuse-relation-change")
def _refuse_relation_changes(sender, action, **kwargs):
    # Either side: edition.tags.add(…) and tag.editions.add(…) both land here.
    if sender in _edition_relations() and action.startswith("pre_") and not _issuing.get():
        _refuse(_("a change of its tags, authors or sources"))
