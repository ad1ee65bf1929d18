"""Evidence registry models, one module per concern; import them from here."""

from .claims import Citation, Claim
from .disclaimers import ArticleDisclaimer, Disclaimer, DisclaimerRule
from .sources import Source, normalize_doi, normalize_pmcid, normalize_pmid

__all__ = [
    "ArticleDisclaimer",
    "Citation",
    "Claim",
    "Disclaimer",
    "DisclaimerRule",
    "Source",
    "normalize_doi",
    "normalize_pmcid",
    "normalize_pmid",
]
