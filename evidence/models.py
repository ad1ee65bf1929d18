import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from evidence.certainty import Level

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def normalize_doi(value):
    """'https://doi.org/10.1000/X' and '10.1000/x' are the same DOI."""
    value = DOI_PREFIX.sub("", (value or "").strip()).strip().lower()
    return value or None


def normalize_pmid(value):
    value = (value or "").strip()
    value = re.sub(r"^(?:pmid:?\s*)", "", value, flags=re.IGNORECASE)
    return value or None


class Source(models.Model):
    class Design(models.TextChoices):
        SYSTEMATIC_REVIEW_RCTS = "sr_rct", _("systematische review / meta-analyse van RCT's")
        SYSTEMATIC_REVIEW_OBS = "sr_obs", _("review van observationeel onderzoek")
        RCT = "rct", _("gerandomiseerde studie (RCT)")
        COHORT = "cohort", _("cohortonderzoek")
        CASE_CONTROL = "case_control", _("patiënt-controleonderzoek")
        CROSS_SECTIONAL = "cross_sectional", _("dwarsdoorsnedeonderzoek")
        CASE_SERIES = "case_series", _("casusreeks")
        CASE_REPORT = "case_report", _("casusbeschrijving")
        NARRATIVE_REVIEW = "narrative_review", _("narratieve review")
        EXPERT_OPINION = "expert_opinion", _("mening van experts")
        ANIMAL = "animal", _("dieronderzoek")
        IN_VITRO = "in_vitro", _("laboratoriumonderzoek (in vitro)")
        PRESS_RELEASE = "press_release", _("persbericht")
        NEWS = "news", _("nieuwsbericht")

    class Population(models.TextChoices):
        HUMANS = "humans", _("mensen")
        ANIMALS = "animals", _("dieren")
        IN_VITRO = "in_vitro", _("cellen / in vitro")

    class Outcomes(models.TextChoices):
        PATIENT = "patient", _("uitkomsten die patiënten merken")
        SURROGATE = "surrogate", _("surrogaatmaten (bijv. labwaarden)")
        UNKNOWN = "unknown", _("onbekend")

    class Integrity(models.TextChoices):
        NONE = "none", _("geen melding")
        CORRECTION = "correction", _("correctie")
        CONCERN = "concern", _("expression of concern")
        RETRACTED = "retracted", _("ingetrokken")

    title = models.CharField(_("titel"), max_length=500)
    authors = models.CharField(_("auteurs"), max_length=1000, blank=True)
    journal = models.CharField(_("tijdschrift / uitgever"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, unique=True, null=True, blank=True)
    pmid = models.CharField(_("PMID"), max_length=20, unique=True, null=True, blank=True)
    pmcid = models.CharField(_("PMCID"), max_length=20, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    design = models.CharField(_("onderzoeksopzet"), max_length=30, choices=Design.choices)
    population = models.CharField(
        _("populatie"), max_length=20, choices=Population.choices, default=Population.HUMANS
    )
    sample_size = models.PositiveIntegerField(_("aantal deelnemers"), null=True, blank=True)
    outcomes = models.CharField(
        _("uitkomstmaten"), max_length=20, choices=Outcomes.choices, default=Outcomes.UNKNOWN
    )
    integrity_status = models.CharField(
        _("integriteitsstatus"), max_length=20, choices=Integrity.choices, default=Integrity.NONE
    )
    integrity_notice = models.TextField(_("melding"), blank=True)
    integrity_checked_at = models.DateTimeField(_("laatst gecontroleerd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self):
        year = f" ({self.year})" if self.year else ""
        return f"{self.title}{year}"

    def get_absolute_url(self):
        return reverse("evidence:source", kwargs={"pk": self.pk})

    @property
    def is_retracted(self):
        return self.integrity_status == self.Integrity.RETRACTED

    def clean(self):
        self.doi = normalize_doi(self.doi)
        self.pmid = normalize_pmid(self.pmid)
        if self.doi and not DOI_PATTERN.match(self.doi):
            raise ValidationError({"doi": _("Dit is geen geldige DOI; verwacht iets als 10.1234/abcd.")})
        if self.pmid and not self.pmid.isdigit():
            raise ValidationError({"pmid": _("Een PMID bestaat alleen uit cijfers.")})

    def save(self, *args, **kwargs):
        self.doi = normalize_doi(self.doi)
        self.pmid = normalize_pmid(self.pmid)
        super().save(*args, **kwargs)


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
    key = models.SlugField(
        _("sleutel"),
        max_length=60,
        help_text=_("Zoals in de tekst: [[claim:sleutel]]. Uniek binnen het artikel."),
    )
    statement = models.CharField(_("bewering"), max_length=500)
    category = models.CharField(_("categorie"), max_length=20, choices=Category.choices)

    class Meta:
        ordering = ["article", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="claim_key_unique_per_article")
        ]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self):
        return self.key


class Citation(models.Model):
    class Role(models.TextChoices):
        SUPPORTS = "supports", _("ondersteunt")
        CONTRADICTS = "contradicts", _("spreekt tegen")
        BACKGROUND = "background", _("achtergrond")

    class OverrideReason(models.TextChoices):
        WRONG_POPULATION = "population", _("andere populatie")
        SURROGATE = "surrogate", _("surrogaatuitkomst")
        DIFFERENT_STRAIN = "strain_dose", _("andere stam of dosis")
        SMALL_SAMPLE = "small_sample", _("kleine steekproef")
        RISK_OF_BIAS = "bias", _("risico op vertekening")
        LARGE_EFFECT = "large_effect", _("groot effect")
        DOSE_RESPONSE = "dose_response", _("dosis-responsrelatie")

    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        Source, verbose_name=_("bron"), on_delete=models.PROTECT, related_name="citations"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.SUPPORTS)
    level_override = models.CharField(
        _("zekerheid aangepast naar"), max_length=20, choices=Level.choices, blank=True,
        help_text=_("Alleen één stap, met een reden en een toelichting."),
    )
    override_reason = models.CharField(
        _("reden aanpassing"), max_length=20, choices=OverrideReason.choices, blank=True
    )
    override_explanation = models.TextField(_("toelichting aanpassing"), blank=True)
    locator = models.CharField(_("vindplaats"), max_length=200, blank=True,
                               help_text=_("Bijv. 'tabel 2' of 'p. 14'."))
    quote = models.TextField(_("citaat"), blank=True)

    class Meta:
        ordering = ["claim", "id"]
        verbose_name = _("bronvermelding")
        verbose_name_plural = _("bronvermeldingen")

    def __str__(self):
        return f"{self.claim.key} → {self.source}"


class Disclaimer(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", _("algemeen medisch")
        SUPPLEMENT = "supplement", _("supplement")
        PRELIMINARY = "preliminary", _("voorlopig bewijs")
        NON_HUMAN = "non_human", _("alleen dier-/labonderzoek")
        OPINION = "opinion", _("mening")
        PERSONAL_EXPERIENCE = "experience", _("persoonlijke ervaring")
        COMMERCIAL = "commercial", _("commercieel belang")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("naam"), max_length=120)
    text_nl = models.TextField(_("tekst (Nederlands)"))
    text_en = models.TextField(_("tekst (Engels)"))
    version = models.PositiveIntegerField(_("versie"), default=1)

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
        NON_HUMAN = "non_human", _("als al het bewijs niet-humaan is")
        OPINION = "opinion", _("bij mening/speculatie")
        COMMERCIAL = "commercial", _("bij commercieel belang")

    disclaimer = models.ForeignKey(
        Disclaimer, verbose_name=_("disclaimer"), on_delete=models.CASCADE, related_name="rules"
    )
    condition = models.CharField(_("voorwaarde"), max_length=20, choices=Condition.choices)
    category = models.CharField(
        _("categorie"), max_length=20, choices=Claim.Category.choices, blank=True
    )
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("disclaimerregel")
        verbose_name_plural = _("disclaimerregels")

    def __str__(self):
        return f"{self.get_condition_display()} → {self.disclaimer}"


class ArticleDisclaimer(models.Model):
    """A disclaimer an editor attached to an article (required or extra)."""

    article = models.ForeignKey(
        "blog.Article", verbose_name=_("artikel"), on_delete=models.CASCADE,
        related_name="attached_disclaimers",
    )
    disclaimer = models.ForeignKey(
        Disclaimer, verbose_name=_("disclaimer"), on_delete=models.PROTECT,
        related_name="attachments",
    )
    note = models.CharField(_("waarom"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "disclaimer"], name="disclaimer_once_per_article")
        ]
        verbose_name = _("disclaimer bij artikel")
        verbose_name_plural = _("disclaimers bij artikel")

    def __str__(self):
        return str(self.disclaimer)
