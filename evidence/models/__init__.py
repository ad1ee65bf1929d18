"""Evidence registry models, one module per concern; import them from here."""

from .claims import Citation, Claim
from .disclaimers import ArticleDisclaimer, Disclaimer, DisclaimerRule
from .lint import Dismissal, LintResult
from .sources import Source, normalize_doi, normalize_pmcid, normalize_pmid

__all__ = [
    "ArticleDisclaimer",
    "Citation",
    "Claim",
    "Disclaimer",
    "DisclaimerRule",
    "Dismissal",
    "LintResult",
    "Source",
    "normalize_doi",
    "normalize_pmcid",
    "normalize_pmid",
]
