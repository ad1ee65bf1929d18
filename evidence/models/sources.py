import re

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evidence import certainty
from evidence.signals import integrity_changed
from evidence.weblinks import is_web_url, validate_web_url, web_url, web_url_constraint_condition

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
        SYSTEMATIC_REVIEW_RCTS = "sr_rct", _("systematic review / meta-analysis of RCTs")
        SYSTEMATIC_REVIEW_OBS = "sr_obs", _("review of observational studies")
        RCT = "rct", _("randomized trial (RCT)")
        COHORT = "cohort", _("cohort study")
        CASE_CONTROL = "case_control", _("case-control study")
        CROSS_SECTIONAL = "cross_sectional", _("cross-sectional study")
        CASE_SERIES = "case_series", _("case series")
        CASE_REPORT = "case_report", _("case report")
        NARRATIVE_REVIEW = "narrative_review", _("narrative review")
        EXPERT_OPINION = "expert_opinion", _("expert opinion")
        ANIMAL = "animal", _("animal study")
        IN_VITRO = "in_vitro", _("laboratory study (in vitro)")
        PRESS_RELEASE = "press_release", _("press release")
        NEWS = "news", _("news article")

    class Population(models.TextChoices):
        HUMANS = "humans", _("humans")
        ANIMALS = "animals", _("animals")
        IN_VITRO = "in_vitro", _("cells / in vitro")

    class Outcomes(models.TextChoices):
        PATIENT = "patient", _("outcomes patients notice")
        SURROGATE = "surrogate", _("surrogate measures (e.g. lab values)")
        UNKNOWN = "unknown", _("unknown")

    class Integrity(models.TextChoices):
        NONE = "none", _("no notice")
        CORRECTION = "correction", _("correction")
        CONCERN = certainty.CONCERN, _("expression of concern")
        RETRACTED = certainty.RETRACTED, _("retracted")

    title = models.CharField(_("title"), max_length=500)
    authors = models.CharField(
        _("authors"),
        max_length=1000,
        blank=True,
        help_text=_("As in the publication, e.g. 'Jansen A, de Vries B, et al.'"),
    )
    journal = models.CharField(_("journal / publisher"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "E.g. 10.1234/abcd or https://doi.org/10.1234/abcd; a DOI belongs to exactly one source."
        ),
    )
    pmid = models.CharField(
        _("PMID"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The PubMed number (digits only); a PMID belongs to exactly one source."),
    )
    pmcid = models.CharField(_("PMCID"), max_length=20, blank=True)
    url = models.URLField(
        _("URL"),
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text=_("A web address starting with http:// or https://; readers get it as a link."),
    )
    design = models.CharField(
        _("study design"),
        max_length=30,
        choices=Design.choices,
        help_text=_(
            "Determines the starting level of every citation. A press release or news article is not evidence and cannot support a claim."
        ),
    )
    population = models.CharField(
        _("population"),
        max_length=20,
        choices=Population.choices,
        default=Population.HUMANS,
        help_text=_("Research in animals or cells never counts as evidence of efficacy in humans."),
    )
    sample_size = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    outcomes = models.CharField(
        _("outcome measures"), max_length=20, choices=Outcomes.choices, default=Outcomes.UNKNOWN
    )
    integrity_status = models.CharField(
        _("integrity status"),
        max_length=20,
        choices=Integrity.choices,
        default=Integrity.NONE,
        help_text=_(
            "Retracted: every claim relying on this source blocks publication, and published articles get a notice. Expression of concern: the level drops one step and the editors must reconfirm every citation."
        ),
    )
    integrity_notice = models.TextField(
        _("notice"),
        blank=True,
        help_text=_("What was reported and where (e.g. the link to the retraction notice)."),
    )
    integrity_checked_at = models.DateTimeField(_("last checked on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            # Also for update() and bulk_create(), which skip save() and validation.
            models.CheckConstraint(
                condition=web_url_constraint_condition("url"), name="source_url_is_web_address"
            ),
        ]

    def __str__(self):
        year = f" ({self.year})" if self.year else ""
        return f"{self.title}{year}"

    def save(self, *args, **kwargs):
        self.normalize()
        if not is_web_url(self.url) and self.url:
            # Before the database refuses it, say so in a sentence (importers call save()).
            raise ValidationError({"url": validate_web_url.message})
        super().save(*args, **kwargs)
        if getattr(self, "_graded_as", None) not in (None, self._grading_inputs()):
            # A new design or population changes the starting grade of every citation.
            for citation in self.citations.all():
                citation.source = self
                citation.store_grade()
        self._graded_as = self._grading_inputs()

    def get_absolute_url(self):
        return reverse("blog:source", kwargs={"pk": self.pk})

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
    def web_url(self):
        """The URL as a link target: only ever an http(s) address, else ''."""
        return web_url(self.url)

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    def normalize(self):
        self.url = (self.url or "").strip()
        self.doi = normalize_doi(self.doi)
        self.pmid = normalize_pmid(self.pmid)
        self.pmcid = normalize_pmcid(self.pmcid)

    def clean(self):
        self.normalize()
        errors = {**self._identifier_errors(), **self._duplicate_errors()}
        if self.integrity_status != self.Integrity.NONE and not self.integrity_notice.strip():
            errors["integrity_notice"] = gettext(
                "Describe the notice and where it appears, e.g. the link to the notice."
            )
        if errors:
            raise ValidationError(errors)

    def _identifier_errors(self):
        errors = {}
        if self.doi and not DOI_PATTERN.match(self.doi):
            errors["doi"] = gettext(
                "This is not a valid DOI; expected something like 10.1234/abcd."
            )
        if self.pmid and not self.pmid.isdigit():
            errors["pmid"] = gettext("A PMID consists of digits only, e.g. 31234567.")
        if self.pmcid and not PMCID_PATTERN.match(self.pmcid):
            errors["pmcid"] = gettext("A PMCID looks like PMC1234567.")
        return errors

    def _duplicate_errors(self):
        errors = {}
        others = Source.objects.exclude(pk=self.pk)
        for field, label in (("doi", "DOI"), ("pmid", "PMID")):
            value = getattr(self, field)
            existing = others.filter(**{field: value}).first() if value else None
            if existing:
                errors[field] = gettext(
                    "This %(label)s already belongs to the source “%(title)s” (no. %(pk)s); use that source instead of a new one."
                ) % {"label": label, "title": existing, "pk": existing.pk}
        return errors

    @transaction.atomic
    def set_integrity(self, status, notice="", *, by=None):
        """Record a retraction, concern or correction, and tell everyone who must know
        (evidence.signals.integrity_changed: blog emails the editors and flags the articles)."""
        status = self.Integrity(status)
        if status != self.Integrity.NONE and not (notice or "").strip():
            raise ValidationError(
                {
                    "integrity_notice": gettext(
                        "Describe the notice and where it appears, e.g. the link to the notice."
                    )
                }
            )
        locked = type(self).objects.select_for_update().get(pk=self.pk)
        previous = locked.integrity_status
        self.integrity_status = status
        self.integrity_notice = notice or ""
        self.integrity_checked_at = timezone.now()
        self.save()
        if status != previous:
            if status == self.Integrity.CONCERN:
                # A new concern needs a fresh look at every citation of the source.
                self.citations.update(concern_acknowledged=False)
            integrity_changed.send(sender=type(self), source=self, previous=previous, by=by)
        return self
