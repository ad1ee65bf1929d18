"""schema.org MedicalWebPage JSON-LD, built into the published snapshot.

The result is a string that is safe inside <script type="application/ld+json">:
like Django's json_script, it escapes <, > and & so no value can close the
script element.
"""

import json

from django.conf import settings

from evidence.weblinks import web_url

SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def medical_web_page(article, citations, *, authors, at, review=None):
    """JSON-LD text for the article page.

    citations: the entries of render_evidence()["citations"].
    review: optional {"name", "credentials", "date"} of the medical review the
    page carries (date as a date or ISO string); adds reviewedBy/lastReviewed.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "headline": article.title,
        "description": article.lead,
        "inLanguage": article.language,
        "url": settings.SITE_URL + article.get_absolute_url(),
        "datePublished": (article.published_at or at).isoformat(),
        "dateModified": at.isoformat(),
        "author": [_person(a.name, a.credentials) for a in authors],
        "citation": [_citation(entry) for entry in citations],
    }
    if review:
        data["reviewedBy"] = _person(review["name"], review.get("credentials", ""))
        date = review["date"]
        data["lastReviewed"] = date if isinstance(date, str) else date.isoformat()
    return dumps(data)


def dumps(data):
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(SCRIPT_ESCAPES)


def _person(name, credentials=""):
    person = {"@type": "Person", "name": name}
    if credentials:
        person["jobTitle"] = credentials
    return person


def _citation(entry):
    item = {"@type": "ScholarlyArticle", "name": entry["title"]}
    if entry.get("doi"):
        item["@id"] = f"https://doi.org/{entry['doi']}"
        item["sameAs"] = item["@id"]
    identifiers = [f"doi:{entry['doi']}"] if entry.get("doi") else []
    if entry.get("pmid"):
        identifiers.append(f"pmid:{entry['pmid']}")
    if identifiers:
        item["identifier"] = identifiers
    if web_url(entry.get("url")):
        item["url"] = web_url(entry["url"])
    if entry.get("authors"):
        item["author"] = entry["authors"]
    if entry.get("year"):
        item["datePublished"] = str(entry["year"])
    if entry.get("journal"):
        item["isPartOf"] = {"@type": "Periodical", "name": entry["journal"]}
    return item
