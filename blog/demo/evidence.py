"""Demo sources, claims, citations and disclaimers, through the evidence registry's models."""

from django.db import transaction

from blog.demo import data
from blog.workflow import triage
from evidence import linter
from evidence.assessment import ArticleEvidence, attach_required
from evidence.defaults import ensure_default_disclaimers
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


def dismiss_non_claims(article, spec, *, by):
    """'Geen gezondheidsclaim' for the sentences the spec lists, with their reasons.

    Each entry names its sentence by a piece of its text; an entry that matches
    no open finding means the demo text and the linter have drifted apart, and
    the seed stops rather than publish something unchecked.
    """
    for item in spec.get("dismissals", []):
        rows = ArticleEvidence.load(article).lint_rows
        matches = [
            row.finding
            for row in rows
            if row.is_open
            and row.finding.category in linter.DISMISSABLE
            and item["sentence"] in row.finding.sentence
        ]
        if not matches:
            raise ValueError(f"{spec['slug']}: no open finding for {item['sentence']!r}")
        triage.dismiss(
            article,
            category=matches[0].category,
            sentence_hash=matches[0].sentence_hash,
            reason=item["reason"],
            note=item.get("note", ""),
            by=by,
        )
