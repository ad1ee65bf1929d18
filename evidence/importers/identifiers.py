"""What editors paste: DOIs, PMIDs, doi.org and PubMed links, one or many at once."""

import re
from dataclasses import dataclass
from urllib.parse import unquote

from django.utils.translation import gettext as _

from evidence.models.sources import DOI_PATTERN, normalize_doi, normalize_pmid

DOI = "doi"
PMID = "pmid"

# Separators between pasted identifiers; a DOI itself never contains whitespace.
_SPLIT = re.compile(r"[\s,;]+")
_DOI_IN_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\..+)$", re.IGNORECASE)
_PMID_IN_URL = re.compile(
    r"^https?://(?:pubmed\.ncbi\.nlm\.nih\.gov|www\.ncbi\.nlm\.nih\.gov/pubmed)/(\d+)/?(?:[?#].*)?$",
    re.IGNORECASE,
)
_TRAILING = ".,)]>\"'"
_LEADING = "([<\"'"


@dataclass(frozen=True)
class Identifier:
    kind: str  # DOI or PMID
    value: str

    def __str__(self):
        return f"{self.kind.upper()} {self.value}"


def parse(text):
    """(identifiers, problems): each distinct identifier once, in the order pasted."""
    identifiers, problems = [], []
    for token in _tokens(text):
        found = parse_one(token)
        if found is None:
            problems.append(
                _("“%(token)s” is neither a DOI (10.1234/abcd) nor a PMID (digits only).")
                % {"token": token}
            )
        elif found not in identifiers:
            identifiers.append(found)
    return identifiers, problems


def _tokens(text):
    # "PMID: 123" and "doi: 10.1/x" arrive as two tokens; glue the label back on.
    tokens, label = [], ""
    for token in _SPLIT.split(text or ""):
        if not token:
            continue
        if token.lower().rstrip(":") in {"pmid", "doi"}:
            label = token.rstrip(":") + ":"
            continue
        tokens.append(label + token)
        label = ""
    return tokens


def parse_one(token):
    token = token.strip().lstrip(_LEADING).rstrip(_TRAILING)
    url_doi = _DOI_IN_URL.match(token)
    if url_doi:
        token = unquote(url_doi.group(1))
    pmid_url = _PMID_IN_URL.match(token)
    if pmid_url:
        return Identifier(PMID, pmid_url.group(1))
    doi = normalize_doi(token)
    if doi and DOI_PATTERN.match(doi):
        return Identifier(DOI, doi)
    pmid = normalize_pmid(token)
    if pmid and pmid.isdigit() and len(pmid) <= 9:
        return Identifier(PMID, pmid.lstrip("0") or "0")
    return None
