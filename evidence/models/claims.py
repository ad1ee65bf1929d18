from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evidence import certainty
from evidence.certainty import Grade, Level
from evidence.markers import KEY_PATTERN

from .sources import Source

key_validator = RegexValidator(
    rf"^{KEY_PATTERN}\Z",
    _("Use only lowercase letters, digits and hyphens, e.g. 'probiotica-acne'."),
)


class Claim(models.Model):
    class Category(models.TextChoices):
        EFFICACY = "efficacy", _("efficacy")
        ASSOCIATION = "association", _("association")
        MECHANISM = "mechanism", _("mechanism of action")
        SAFETY = "safety", _("safety")
        DIETARY_ADVICE = "dietary_advice", _("dietary advice")
        SUPPLEMENT = "supplement", _("supplement")
        OPINION = "opinion", _("opinion / speculation")

    article = models.ForeignKey(
        "blog.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="claims"
    )
    key = models.CharField(
        _("key"),
        max_length=60,
        validators=[key_validator],
        help_text=_(
            "As in the text: [[claim:sleutel]]. Unique within the article; lowercase letters, digits and hyphens."
        ),
    )
    statement = models.CharField(
        _("statement"),
        max_length=500,
        help_text=_("The statement in one sentence, as a reader would summarize it."),
    )
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=Category.choices,
        help_text=_(
            "Every category except opinion/speculation needs a supporting source; efficacy cannot rest on animal or laboratory research alone."
        ),
    )

    class Meta:
        ordering = ["article", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "key"],
                name="claim_key_unique_per_article",
                violation_error_message=_("This article already has a claim with this key."),
            )
        ]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self):
        return self.key

    def get_admin_url(self):
        return reverse("admin:evidence_claim_change", args=[self.pk])

    @property
    def is_opinion(self):
        return self.category == self.Category.OPINION

    @property
    def grade(self):
        """Computed from the citations; prefetch citations__source when you ask for many."""
        return certainty.claim_level(self)

    def supporting_citations(self):
        return [c for c in self.citations.all() if c.role == Citation.Role.SUPPORTS]

    def is_covered(self, grade=None):
        """Whether the claim's evidence lets it be published (the gate's per-claim rule)."""
        if self.is_opinion:
            return True
        grade = grade or self.grade
        if grade == Grade.NONE:
            return False
        return not (self.category == self.Category.EFFICACY and grade == Grade.NO_HUMAN)


class Citation(models.Model):
    class Role(models.TextChoices):
        SUPPORTS = "supports", _("supports")
        CONTRADICTS = "contradicts", _("contradicts")
        BACKGROUND = "background", _("background")

    class OverrideReason(models.TextChoices):
        WRONG_POPULATION = "population", _("different population (lower)")
        SURROGATE = "surrogate", _("surrogate outcome (lower)")
        DIFFERENT_STRAIN = "strain_dose", _("different strain or dose (lower)")
        SMALL_SAMPLE = "small_sample", _("small sample (lower)")
        RISK_OF_BIAS = "bias", _("risk of bias (lower)")
        LARGE_EFFECT = "large_effect", _("large effect (higher)")
        DOSE_RESPONSE = "dose_response", _("dose-response relationship (higher)")

    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="citations",
        error_messages={
            "invalid": _("This source does not exist (anymore); choose an existing source.")
        },
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        default=Role.SUPPORTS,
        help_text=_(
            "Only 'supports' counts as coverage; 'contradicts' can lower the claim's level."
        ),
    )
    level_override = models.CharField(
        _("certainty adjusted to"),
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text=_(
            "Empty = the source's starting level. Only one step, with a reason and an explanation."
        ),
    )
    override_reason = models.CharField(
        _("adjustment reason"), max_length=20, choices=OverrideReason.choices, blank=True
    )
    override_explanation = models.TextField(_("adjustment explanation"), blank=True)
    concern_acknowledged = models.BooleanField(
        _("expression of concern checked"),
        default=False,
        help_text=_(
            "Check this after verifying that the claim still holds despite the expression of concern about this source; without it, publication is blocked."
        ),
    )
    locator = models.CharField(
        _("location in source"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'table 2' or 'p. 14'."),
    )
    quote = models.TextField(_("quote"), blank=True)
    # The grade as stored at the last save, with the mapping version that produced it.
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, blank=True, editable=False
    )
    grading_version = models.PositiveSmallIntegerField(
        default=certainty.MAPPING_VERSION, editable=False
    )

    class Meta:
        ordering = ["claim", "id"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self):
        return f"{self.claim.key} → {self.source}"

    def save(self, *args, **kwargs):
        self._set_grade()
        super().save(*args, **kwargs)

    @property
    def starting_level(self):
        return self.source.starting_level

    @property
    def base_level(self):
        """The level before integrity: the start, or a valid one-step override."""
        return certainty.citation_level(
            self.starting_level,
            self.level_override,
            self.override_reason,
            self.override_explanation,
        )

    @property
    def effective_level(self):
        """What this citation is worth now; None once the source is retracted."""
        return certainty.effective_level(self.base_level, self.source.integrity_status)

    def override_errors(self):
        return certainty.override_errors(
            self.starting_level,
            self.level_override,
            self.override_reason,
            self.override_explanation,
        )

    def clean(self):
        if self.source_id is None:
            return  # the form already reports the missing source
        errors = self.override_errors()
        if self.role != self.Role.BACKGROUND and self.starting_level is None:
            errors["source"] = gettext(
                "A press release or news article is not evidence; find the study it is based on, or use the role 'background'."
            )
        if errors:
            raise ValidationError(errors)

    def _set_grade(self):
        self.level = self.base_level or ""
        self.grading_version = certainty.MAPPING_VERSION

    def store_grade(self):
        """Re-grade after the source changed, without touching anything else."""
        self._set_grade()
        Citation.objects.filter(pk=self.pk).update(
            level=self.level, grading_version=self.grading_version
        )
