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
    _("Gebruik alleen kleine letters, cijfers en streepjes, bijv. 'probiotica-acne'."),
)


class Claim(models.Model):
    class Category(models.TextChoices):
        EFFICACY = "efficacy", _("werkzaamheid")
        ASSOCIATION = "association", _("verband")
        MECHANISM = "mechanism", _("werkingsmechanisme")
        SAFETY = "safety", _("veiligheid")
        DIETARY_ADVICE = "dietary_advice", _("voedingsadvies")
        SUPPLEMENT = "supplement", _("supplement")
        OPINION = "opinion", _("mening / speculatie")

    article = models.ForeignKey(
        "blog.Article", verbose_name=_("artikel"), on_delete=models.CASCADE, related_name="claims"
    )
    key = models.CharField(
        _("sleutel"),
        max_length=60,
        validators=[key_validator],
        help_text=_(
            "Zoals in de tekst: [[claim:sleutel]]. Uniek binnen het artikel; kleine "
            "letters, cijfers en streepjes."
        ),
    )
    statement = models.CharField(
        _("bewering"),
        max_length=500,
        help_text=_("De bewering in één zin, zoals een lezer hem zou samenvatten."),
    )
    category = models.CharField(
        _("categorie"),
        max_length=20,
        choices=Category.choices,
        help_text=_(
            "Elke categorie behalve mening/speculatie heeft een ondersteunende bron "
            "nodig; werkzaamheid niet alleen uit dier- of laboratoriumonderzoek."
        ),
    )

    class Meta:
        ordering = ["article", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "key"],
                name="claim_key_unique_per_article",
                violation_error_message=_("Dit artikel heeft al een claim met deze sleutel."),
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
        SUPPORTS = "supports", _("ondersteunt")
        CONTRADICTS = "contradicts", _("spreekt tegen")
        BACKGROUND = "background", _("achtergrond")

    class OverrideReason(models.TextChoices):
        WRONG_POPULATION = "population", _("andere populatie (lager)")
        SURROGATE = "surrogate", _("surrogaatuitkomst (lager)")
        DIFFERENT_STRAIN = "strain_dose", _("andere stam of dosis (lager)")
        SMALL_SAMPLE = "small_sample", _("kleine steekproef (lager)")
        RISK_OF_BIAS = "bias", _("risico op vertekening (lager)")
        LARGE_EFFECT = "large_effect", _("groot effect (hoger)")
        DOSE_RESPONSE = "dose_response", _("dosis-responsrelatie (hoger)")

    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("bron"),
        on_delete=models.PROTECT,
        related_name="citations",
        error_messages={"invalid": _("Deze bron bestaat niet (meer); kies een bestaande bron.")},
    )
    role = models.CharField(
        _("rol"),
        max_length=20,
        choices=Role.choices,
        default=Role.SUPPORTS,
        help_text=_(
            "Alleen 'ondersteunt' telt als dekking; 'spreekt tegen' kan het niveau "
            "van de claim verlagen."
        ),
    )
    level_override = models.CharField(
        _("zekerheid aangepast naar"),
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text=_(
            "Leeg = het startniveau van de bron. Alleen één stap, met een reden en een toelichting."
        ),
    )
    override_reason = models.CharField(
        _("reden aanpassing"), max_length=20, choices=OverrideReason.choices, blank=True
    )
    override_explanation = models.TextField(_("toelichting aanpassing"), blank=True)
    concern_acknowledged = models.BooleanField(
        _("expression of concern gecontroleerd"),
        default=False,
        help_text=_(
            "Aanvinken nadat je hebt gecontroleerd dat de claim overeind blijft ondanks "
            "de expression of concern over deze bron; zonder dit blokkeert publicatie."
        ),
    )
    locator = models.CharField(
        _("vindplaats"), max_length=200, blank=True, help_text=_("Bijv. 'tabel 2' of 'p. 14'.")
    )
    quote = models.TextField(_("citaat"), blank=True)
    # The grade as stored at the last save, with the mapping version that produced it.
    level = models.CharField(
        _("niveau"), max_length=20, choices=Level.choices, blank=True, editable=False
    )
    grading_version = models.PositiveSmallIntegerField(
        default=certainty.MAPPING_VERSION, editable=False
    )

    class Meta:
        ordering = ["claim", "id"]
        verbose_name = _("bronvermelding")
        verbose_name_plural = _("bronvermeldingen")

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
                "Een persbericht of nieuwsbericht is geen bewijs; zoek de studie waarop het "
                "gebaseerd is, of gebruik de rol 'achtergrond'."
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
