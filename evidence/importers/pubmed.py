"""PubMed through E-utilities: esearch (DOI → PMID), esummary JSON, efetch XML.

esummary gives the bibliographic summary; efetch's PubmedArticle XML gives
the publication types, the MeSH headings and the comments/corrections links
(RetractionIn, ExpressionOfConcernIn, ErratumIn, …). NCBI allows 3 requests
a second without an API key and 10 with one; ids are fetched in batches.
"""

from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.utils.translation import gettext as _

from evidence.models import Source

from . import http
from .proposals import propose
from .records import Notice, Record, clean_text, year_from

BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
LABEL = "PubMed"
BATCH = 200  # ids per esummary/efetch request (NCBI's advice for GET requests)

PUBLICATION_TYPE_STATUS = {
    "Retracted Publication": Source.Integrity.RETRACTED,
    "Retraction of Publication": Source.Integrity.RETRACTED,
    "Expression of Concern": Source.Integrity.CONCERN,
}
LINK_STATUS = {
    "RetractionIn": Source.Integrity.RETRACTED,
    "RetractionOf": Source.Integrity.RETRACTED,
    "ExpressionOfConcernIn": Source.Integrity.CONCERN,
    "ExpressionOfConcernFor": Source.Integrity.CONCERN,
    "ErratumIn": Source.Integrity.CORRECTION,
    "CorrectedandRepublishedIn": Source.Integrity.CORRECTION,
}


@dataclass
class Article:
    """What efetch says about one PMID."""

    pmid: str
    publication_types: list = field(default_factory=list)
    mesh: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (ref_type, ref_source, pmid)


def registry():
    per_second = 10 if settings.NCBI_API_KEY else 3
    params = {"tool": "gutcheck", "email": settings.CROSSREF_MAILTO}
    if settings.NCBI_API_KEY:
        params["api_key"] = settings.NCBI_API_KEY
    return http.Registry("pubmed", LABEL, BASE_URL, per_second, params)


def batches(pmids):
    pmids = list(pmids)
    return [pmids[i : i + BATCH] for i in range(0, len(pmids), BATCH)]


def search_doi(doi, reg):
    """The PMID PubMed files this DOI under, or None."""
    data = reg.get_json("esearch.fcgi", {"db": "pubmed", "term": f"{doi}[doi]", "retmode": "json"})
    try:
        ids = data["esearchresult"]["idlist"]
    except (KeyError, TypeError) as error:
        raise reg.malformed() from error
    return ids[0] if len(ids) == 1 else None


def fetch_summaries(pmids, reg):
    """{pmid: summary dict}; a PMID PubMed does not know maps to a NotFound error."""
    data = reg.get_json("esummary.fcgi", {"db": "pubmed", "id": ",".join(pmids), "retmode": "json"})
    result = data.get("result") if isinstance(data, dict) else None
    if not isinstance(result, dict):
        raise reg.malformed()
    found = {}
    for pmid in pmids:
        summary = result.get(pmid)
        if not isinstance(summary, dict) or "error" in summary or not summary.get("title"):
            found[pmid] = http.NotFound(
                _("PubMed does not know the PMID %(pmid)s; check it for typing errors.")
                % {"pmid": pmid}
            )
        else:
            found[pmid] = summary
    return found


def fetch_articles(pmids, reg):
    """{pmid: Article} from efetch's PubmedArticleSet XML."""
    response = reg.get("efetch.fcgi", {"db": "pubmed", "id": ",".join(pmids), "retmode": "xml"})
    try:
        root = fromstring(response.content)
    except (ParseError, DefusedXmlException) as error:
        raise reg.malformed() from error
    if root.tag != "PubmedArticleSet":
        raise reg.malformed()
    articles = (_article(node) for node in root.iter("PubmedArticle"))
    return {article.pmid: article for article in articles if article.pmid}


def _article(node):
    citation = node.find("MedlineCitation")
    if citation is None:
        return Article(pmid="")
    return Article(
        pmid=(citation.findtext("PMID") or "").strip(),
        publication_types=[_text(t) for t in citation.iter("PublicationType")],
        mesh=[_text(d) for d in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName")],
        links=[
            (link.get("RefType", ""), _text(link.find("RefSource")), _text(link.find("PMID")))
            for link in citation.iterfind("CommentsCorrectionsList/CommentsCorrections")
        ],
    )


def _text(node):
    return clean_text("".join(node.itertext())) if node is not None else ""


def record_from(summary, article):
    article = article or Article(pmid=summary.get("uid", ""))
    ids = {
        i.get("idtype"): i.get("value")
        for i in summary.get("articleids") or []
        if isinstance(i, dict)
    }
    title = clean_text(summary.get("title", "")).rstrip(".")
    types = article.publication_types or list(summary.get("pubtype") or [])
    design, population = propose(publication_types=types, mesh=article.mesh, title=title)
    authors = [a.get("name", "") for a in summary.get("authors") or [] if isinstance(a, dict)]
    return Record(
        title=title,
        authors=", ".join(filter(None, authors)),
        journal=summary.get("fulljournalname") or summary.get("source", ""),
        year=year_from(summary.get("pubdate")) or year_from(summary.get("sortpubdate")),
        doi=ids.get("doi"),
        pmid=str(summary.get("uid", "")),
        pmcid=ids.get("pmc", ""),
        design=design,
        population=population,
        notices=notices(article),
        origin=f"PMID {summary.get('uid', '')}",
    )


def notices(article):
    """The retractions, concerns and corrections PubMed records for this article."""
    found = []
    for name in article.publication_types:
        if name in PUBLICATION_TYPE_STATUS:
            found.append(
                Notice(
                    PUBLICATION_TYPE_STATUS[name],
                    _(
                        "PubMed publication type “%(type)s”: https://pubmed.ncbi.nlm.nih.gov/%(pmid)s/"
                    )
                    % {"type": name, "pmid": article.pmid},
                )
            )
    for ref_type, ref_source, pmid in article.links:
        if ref_type in LINK_STATUS:
            where = f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else ref_source
            found.append(
                Notice(
                    LINK_STATUS[ref_type],
                    _("PubMed %(type)s: %(source)s (%(where)s)")
                    % {"type": ref_type, "source": ref_source, "where": where},
                )
            )
    return found
