"""Demo sources, claims, citations and disclaimers, through the evidence registry's models."""

from django.db import transaction

from blog.demo import data
from evidence.defaults import ensure_default_disclaimers
from evidence.disclaimers import attach_required
from evidence.models import Citation, Claim, Source, normalize_doi

SOURCE_FIELDS = (
    "title",
    "authors",
    "journal",
    "year",
    "design",
    "population",
    "sample_size",
    "outcomes",
    "integrity_status",
    "integrity_notice",
)
CITATION_FIELDS = (
    "role",
    "locator",
    "quote",
    "level_override",
    "override_reason",
    "override_explanation",
)


@transaction.atomic
def seed_sources():
    """The disclaimer defaults and every demo source, created where missing; {doi: Source}."""
    ensure_default_disclaimers()
    for spec in data.sources():
        doi = normalize_doi(spec["doi"])
        if not Source.objects.filter(doi=doi).exists():
            source = Source(doi=doi, **{f: spec[f] for f in SOURCE_FIELDS if f in spec})
            source.full_clean()
            source.save()
    dois = [normalize_doi(spec["doi"]) for spec in data.sources()]
    return {source.doi: source for source in Source.objects.filter(doi__in=dois)}


def add_claims(article, spec, *, sources):
    """The article's claims with their citations, each checked as the admin form would."""
    for claim_spec in spec.get("claims", []):
        claim = Claim(
            article=article,
            key=claim_spec["key"],
            statement=claim_spec["statement"],
            category=claim_spec["category"],
        )
        claim.full_clean()
        claim.save()
        for citation_spec in claim_spec.get("citations", []):
            _add_citation(claim, citation_spec, sources)


def _add_citation(claim, spec, sources):
    fields = {f: spec[f] for f in CITATION_FIELDS if f in spec}
    citation = Citation(claim=claim, source=sources[normalize_doi(spec["source"])], **fields)
    citation.full_clean()
    citation.save()


def attach_disclaimers(article, *, by):
    """Attach what the disclaimer rules require, as the readiness panel's button does."""
    return attach_required(article, by=by)
