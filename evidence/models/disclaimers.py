from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evidence import certainty
from evidence.certainty import Grade, Level

from .claims import Claim


class Disclaimer(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", _("general medical")
        SUPPLEMENT = "supplement", _("supplement")
        PRELIMINARY = "preliminary", _("preliminary evidence")
        NON_HUMAN = "non_human", _("animal/lab research only")
        OPINION = "opinion", _("opinion")
        PERSONAL_EXPERIENCE = "experience", _("personal experience")
        COMMERCIAL = "commercial", _("commercial interest")

    slug = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Fixed name that code and default settings use to find this text."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("name"), max_length=120)
    text_nl = models.TextField(_("text (Dutch)"))
    text_en = models.TextField(_("text (English)"))
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_(
            "Increase for a substantive change; published articles keep track of which version they showed."
        ),
    )

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("disclaimer")
        verbose_name_plural = _("disclaimers")

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def text_for(self, language):
        return self.text_en if language == "en" else self.text_nl


class DisclaimerRule(models.Model):
    class Condition(models.TextChoices):
        ALWAYS = "always", _("always")
        CATEGORY = "category", _("for a claim category")
        LEVEL_AT_OR_BELOW = "level", _("for certainty at or below a level")
        NON_HUMAN = "non_human", _("when all evidence for a claim is non-human")
        OPINION = "opinion", _("for opinion/speculation")
        COMMERCIAL = "commercial", _("for a commercial interest")

    disclaimer = models.ForeignKey(
        Disclaimer, verbose_name=_("disclaimer"), on_delete=models.CASCADE, related_name="rules"
    )
    condition = models.CharField(_("condition"), max_length=20, choices=Condition.choices)
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=Claim.Category.choices,
        blank=True,
        help_text=_("Only for 'for a claim category'."),
    )
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text=_("Only for 'at or below a level'; mixed evidence counts as weak."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "Turn off instead of deleting: otherwise default rules come back with the next installation update."
        ),
    )

    class Meta:
        ordering = ["disclaimer", "condition"]
        verbose_name = _("disclaimer rule")
        verbose_name_plural = _("disclaimer rules")

    def __str__(self):
        detail = self.get_category_display() or self.get_level_display()
        condition = self.get_condition_display()
        return (
            f"{condition} ({detail}) → {self.disclaimer}"
            if detail
            else (f"{condition} → {self.disclaimer}")
        )

    def clean(self):
        if self.condition == self.Condition.CATEGORY and not self.category:
            raise ValidationError({"category": gettext("Choose the claim category.")})
        if self.condition == self.Condition.LEVEL_AT_OR_BELOW and not self.level:
            raise ValidationError({"level": gettext("Choose the level.")})

    def reasons_for(self, article, graded_claims):
        """Why this rule requires its disclaimer here, as sentences; empty when it does not.

        graded_claims: (claim, grade) pairs for the article's claims.
        """
        if not self.is_active:
            return []
        if self.condition == self.Condition.ALWAYS:
            return [gettext("always required")]
        if self.condition == self.Condition.COMMERCIAL:
            return (
                [gettext("the article has a commercial interest")]
                if (article.commercial_interest)
                else []
            )
        keys = [claim.key for claim, grade in graded_claims if self._holds_for(claim, grade)]
        if not keys:
            return []
        return [self._reason(", ".join(f"'{key}'" for key in keys))]

    def _holds_for(self, claim, grade):
        match self.condition:
            case self.Condition.CATEGORY:
                return claim.category == self.category
            case self.Condition.OPINION:
                return claim.is_opinion
            case self.Condition.NON_HUMAN:
                return not claim.is_opinion and grade == Grade.NO_HUMAN
            case self.Condition.LEVEL_AT_OR_BELOW:
                return not claim.is_opinion and certainty.is_at_or_below(grade, self.level)
        return False

    def _reason(self, keys):
        match self.condition:
            case self.Condition.CATEGORY:
                return gettext("claim %(keys)s falls in the category '%(category)s'") % {
                    "keys": keys,
                    "category": self.get_category_display(),
                }
            case self.Condition.OPINION:
                return gettext("claim %(keys)s is an opinion or speculation") % {"keys": keys}
            case self.Condition.NON_HUMAN:
                return gettext("claim %(keys)s relies only on animal or laboratory research") % {
                    "keys": keys
                }
        return gettext("claim %(keys)s has certainty '%(level)s' or lower") % {
            "keys": keys,
            "level": self.get_level_display(),
        }


class ArticleDisclaimer(models.Model):
    """A disclaimer an editor attached to an article (required or extra)."""

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="attached_disclaimers",
    )
    disclaimer = models.ForeignKey(
        Disclaimer,
        verbose_name=_("disclaimer"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    note = models.CharField(
        _("why"),
        max_length=300,
        blank=True,
        help_text=_("For an extra disclaimer: why it belongs with this article."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["article", "disclaimer__kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "disclaimer"],
                name="disclaimer_once_per_article",
                violation_error_message=_("This disclaimer has already been added to the article."),
            )
        ]
        verbose_name = _("article disclaimer")
        verbose_name_plural = _("article disclaimers")

    def __str__(self):
        return str(self.disclaimer)
