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
        GENERAL = "general", _("algemeen medisch")
        SUPPLEMENT = "supplement", _("supplement")
        PRELIMINARY = "preliminary", _("voorlopig bewijs")
        NON_HUMAN = "non_human", _("alleen dier-/labonderzoek")
        OPINION = "opinion", _("mening")
        PERSONAL_EXPERIENCE = "experience", _("persoonlijke ervaring")
        COMMERCIAL = "commercial", _("commercieel belang")

    slug = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Vaste naam waarmee code en standaardinstellingen deze tekst vinden."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("naam"), max_length=120)
    text_nl = models.TextField(_("tekst (Nederlands)"))
    text_en = models.TextField(_("tekst (Engels)"))
    version = models.PositiveIntegerField(
        _("versie"),
        default=1,
        help_text=_(
            "Verhoog bij een inhoudelijke wijziging; gepubliceerde artikelen bewaren "
            "welke versie ze toonden."
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
        ALWAYS = "always", _("altijd")
        CATEGORY = "category", _("bij een claimcategorie")
        LEVEL_AT_OR_BELOW = "level", _("bij zekerheid op of onder een niveau")
        NON_HUMAN = "non_human", _("als al het bewijs voor een claim niet-humaan is")
        OPINION = "opinion", _("bij mening/speculatie")
        COMMERCIAL = "commercial", _("bij commercieel belang")

    disclaimer = models.ForeignKey(
        Disclaimer, verbose_name=_("disclaimer"), on_delete=models.CASCADE, related_name="rules"
    )
    condition = models.CharField(_("voorwaarde"), max_length=20, choices=Condition.choices)
    category = models.CharField(
        _("categorie"),
        max_length=20,
        choices=Claim.Category.choices,
        blank=True,
        help_text=_("Alleen bij 'bij een claimcategorie'."),
    )
    level = models.CharField(
        _("niveau"),
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text=_("Alleen bij 'op of onder een niveau'; gemengd bewijs telt als zwak."),
    )
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_(
            "Zet uit in plaats van te verwijderen: standaardregels komen bij de "
            "volgende installatie-update anders terug."
        ),
    )

    class Meta:
        ordering = ["disclaimer", "condition"]
        verbose_name = _("disclaimerregel")
        verbose_name_plural = _("disclaimerregels")

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
            raise ValidationError({"category": gettext("Kies de claimcategorie.")})
        if self.condition == self.Condition.LEVEL_AT_OR_BELOW and not self.level:
            raise ValidationError({"level": gettext("Kies het niveau.")})

    def reasons_for(self, article, graded_claims):
        """Why this rule requires its disclaimer here, as sentences; empty when it does not.

        graded_claims: (claim, grade) pairs for the article's claims.
        """
        if not self.is_active:
            return []
        if self.condition == self.Condition.ALWAYS:
            return [gettext("altijd verplicht")]
        if self.condition == self.Condition.COMMERCIAL:
            return (
                [gettext("het artikel heeft een commercieel belang")]
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
                return gettext("claim %(keys)s valt in de categorie '%(category)s'") % {
                    "keys": keys,
                    "category": self.get_category_display(),
                }
            case self.Condition.OPINION:
                return gettext("claim %(keys)s is een mening of speculatie") % {"keys": keys}
            case self.Condition.NON_HUMAN:
                return gettext("claim %(keys)s steunt alleen op dier- of laboratoriumonderzoek") % {
                    "keys": keys
                }
        return gettext("claim %(keys)s heeft zekerheid '%(level)s' of lager") % {
            "keys": keys,
            "level": self.get_level_display(),
        }


class ArticleDisclaimer(models.Model):
    """A disclaimer an editor attached to an article (required or extra)."""

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("artikel"),
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
        _("waarom"),
        max_length=300,
        blank=True,
        help_text=_("Bij een extra disclaimer: waarom deze bij dit artikel hoort."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        ordering = ["article", "disclaimer__kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "disclaimer"],
                name="disclaimer_once_per_article",
                violation_error_message=_("Deze disclaimer is al aan het artikel toegevoegd."),
            )
        ]
        verbose_name = _("disclaimer bij artikel")
        verbose_name_plural = _("disclaimers bij artikel")

    def __str__(self):
        return str(self.disclaimer)
