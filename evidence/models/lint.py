"""What the claim linter found in an article, and what editors decided about it.

LintResult stores the linter's reading of the body when the body is saved
(keyed by the body's hash and the lexicon version), so the gate and the admin
read it instead of linting on every request. A Dismissal records an editor's
judgement about one finding: "not a health claim" with a reason, or a written
waiver for the other blocking categories. It is bound to the sentence's
normalised text: edit the sentence and the finding comes back.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evidence import linter


class LintResult(models.Model):
    article = models.OneToOneField(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="lint_result",
    )
    body_hash = models.CharField(max_length=64)
    language = models.CharField(max_length=5)
    lexicon_version = models.CharField(max_length=40)
    sentences = models.JSONField(default=list)
    linted_at = models.DateTimeField(_("linted on"), auto_now=True)

    class Meta:
        verbose_name = _("linter result")
        verbose_name_plural = _("linter results")

    def __str__(self):
        return f"{self.article_id}: {self.lexicon_version}"


class Dismissal(models.Model):
    class Reason(models.TextChoices):
        DEFINITION = "definition", _("a definition or general knowledge")
        QUOTATION = "quotation", _("a quotation that the text refutes")
        EXPERIENCE = "experience", _("the author's own experience")
        QUESTION = "question", _("a question")
        WAIVER = "waiver", _("waiver: the wording is acceptable here")

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="lint_dismissals",
    )
    category = models.CharField(
        _("category"),
        max_length=30,
        choices=[(c, linter.CATEGORY_LABELS[c]) for c in sorted(linter.BLOCKING)],
    )
    sentence_hash = models.CharField(max_length=32, db_index=True)
    sentence = models.TextField(_("sentence"))
    reason = models.CharField(
        _("reason"),
        max_length=20,
        choices=Reason.choices,
        help_text=_(
            "Only a sentence that is truly no health claim may be dismissed; the medical reviewer sees every dismissal and waiver."
        ),
    )
    note = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Required for a waiver: why this wording may be published."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="lint_dismissals",
    )
    created_at = models.DateTimeField(_("on"), auto_now_add=True)

    class Meta:
        ordering = ["article", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "category", "sentence_hash"],
                name="dismissal_once_per_sentence_and_category",
            )
        ]
        verbose_name = _("dismissal or waiver")
        verbose_name_plural = _("dismissals and waivers")

    def __str__(self):
        return gettext("%(category)s: %(sentence)s") % {
            "category": self.get_category_display(),
            "sentence": self.sentence[:60],
        }

    @property
    def is_waiver(self):
        return self.reason == self.Reason.WAIVER

    def clean(self):
        if self.category in linter.DISMISSABLE and self.is_waiver:
            raise ValidationError(
                {
                    "reason": gettext(
                        "An unmarked claim is not waived: mark it as a claim, or choose why it is not a health claim."
                    )
                }
            )
        if self.category in linter.WAIVABLE and not self.is_waiver:
            raise ValidationError(
                {
                    "reason": gettext(
                        "This finding can only be waived, with a written explanation of why the wording is acceptable."
                    )
                }
            )
        if self.is_waiver and not self.note.strip():
            raise ValidationError(
                {"note": gettext("Write why this wording is acceptable; a waiver needs a reason.")}
            )
