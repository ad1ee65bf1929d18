import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evidence import certainty

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
PMID_PREFIX = re.compile(
    r"^(?:pmid:?\s*|https?://(?:www\.ncbi\.nlm\.nih\.gov/pubmed/|pubmed\.ncbi\.nlm\.nih\.gov/))",
    re.IGNORECASE,
)
PMCID_PATTERN = re.compile(r"^PMC\d+$")


def normalize_doi(value):
    """'https://doi.org/10.1000/X' and '10.1000/x' are the same DOI (DOIs ignore case)."""
    value = DOI_PREFIX.sub("", (value or "").strip()).strip().lower()
    return value or None


def normalize_pmid(value):
    value = PMID_PREFIX.sub("", (value or "").strip()).strip().strip("/")
    return value or None


def normalize_pmcid(value):
    value = (value or "").strip().upper()
    return f"PMC{value}" if value.isdigit() else value


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
        CONCERN = certainty.CONCERN, _("expression of concern")
        RETRACTED = certainty.RETRACTED, _("ingetrokken")

    title = models.CharField(_("titel"), max_length=500)
    authors = models.CharField(
        _("auteurs"),
        max_length=1000,
        blank=True,
        help_text=_("Zoals in de publicatie, bijv. 'Jansen A, de Vries B, et al.'"),
    )
    journal = models.CharField(_("tijdschrift / uitgever"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Bijv. 10.1234/abcd of https://doi.org/10.1234/abcd; een DOI hoort bij "
            "precies één bron."
        ),
    )
    pmid = models.CharField(
        _("PMID"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Het PubMed-nummer (alleen cijfers); een PMID hoort bij precies één bron."),
    )
    pmcid = models.CharField(_("PMCID"), max_length=20, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    design = models.CharField(
        _("onderzoeksopzet"),
        max_length=30,
        choices=Design.choices,
        help_text=_(
            "Bepaalt het startniveau van elke bronvermelding. Een persbericht of "
            "nieuwsbericht is geen bewijs en kan een claim niet ondersteunen."
        ),
    )
    population = models.CharField(
        _("populatie"),
        max_length=20,
        choices=Population.choices,
        default=Population.HUMANS,
        help_text=_(
            "Onderzoek bij dieren of cellen telt nooit als bewijs voor werkzaamheid bij mensen."
        ),
    )
    sample_size = models.PositiveIntegerField(_("aantal deelnemers"), null=True, blank=True)
    outcomes = models.CharField(
        _("uitkomstmaten"), max_length=20, choices=Outcomes.choices, default=Outcomes.UNKNOWN
    )
    integrity_status = models.CharField(
        _("integriteitsstatus"),
        max_length=20,
        choices=Integrity.choices,
        default=Integrity.NONE,
        help_text=_(
            "Ingetrokken: elke claim die op deze bron steunt blokkeert publicatie en "
            "gepubliceerde artikelen krijgen een melding. Expression of concern: het "
            "niveau zakt één stap en de redactie moet elke bronvermelding opnieuw "
            "bevestigen."
        ),
    )
    integrity_notice = models.TextField(
        _("melding"),
        blank=True,
        help_text=_("Wat er gemeld is en waar (bijv. de link naar de retraction notice)."),
    )
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

    def save(self, *args, **kwargs):
        self.normalize()
        super().save(*args, **kwargs)
        if getattr(self, "_graded_as", None) not in (None, self._grading_inputs()):
            # A new design or population changes the starting grade of every citation.
            for citation in self.citations.all():
                citation.source = self
                citation.store_grade()
        self._graded_as = self._grading_inputs()

    def get_absolute_url(self):
        return reverse("evidence:source", kwargs={"pk": self.pk})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._graded_as = instance._grading_inputs()
        return instance

    def _grading_inputs(self):
        return (self.__dict__.get("design"), self.__dict__.get("population"))

    @property
    def is_retracted(self):
        return self.integrity_status == self.Integrity.RETRACTED

    @property
    def has_concern(self):
        return self.integrity_status == self.Integrity.CONCERN

    @property
    def starting_level(self):
        return certainty.starting_level(self.design, self.population)

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    def normalize(self):
        self.doi = normalize_doi(self.doi)
        self.pmid = normalize_pmid(self.pmid)
        self.pmcid = normalize_pmcid(self.pmcid)

    def clean(self):
        self.normalize()
        errors = {**self._identifier_errors(), **self._duplicate_errors()}
        if self.integrity_status != self.Integrity.NONE and not self.integrity_notice.strip():
            errors["integrity_notice"] = gettext(
                "Beschrijf de melding en waar die staat, bijv. de link naar de notice."
            )
        if errors:
            raise ValidationError(errors)

    def _identifier_errors(self):
        errors = {}
        if self.doi and not DOI_PATTERN.match(self.doi):
            errors["doi"] = gettext("Dit is geen geldige DOI; verwacht iets als 10.1234/abcd.")
        if self.pmid and not self.pmid.isdigit():
            errors["pmid"] = gettext("Een PMID bestaat alleen uit cijfers, bijv. 31234567.")
        if self.pmcid and not PMCID_PATTERN.match(self.pmcid):
            errors["pmcid"] = gettext("Een PMCID ziet eruit als PMC1234567.")
        return errors

    def _duplicate_errors(self):
        errors = {}
        others = Source.objects.exclude(pk=self.pk)
        for field, label in (("doi", "DOI"), ("pmid", "PMID")):
            value = getattr(self, field)
            existing = others.filter(**{field: value}).first() if value else None
            if existing:
                errors[field] = gettext(
                    "Deze %(label)s hoort al bij de bron «%(title)s» (nr. %(pk)s); gebruik die "
                    "bron in plaats van een nieuwe."
                ) % {"label": label, "title": existing, "pk": existing.pk}
        return errors

    def set_integrity(self, status, notice="", *, by=None):
        """Record a retraction, concern or correction, and tell everyone who must know."""
        from evidence import integrity

        return integrity.set_status(self, status, notice, by=by)
