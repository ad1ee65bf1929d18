"""A stand-in for Crossref and PubMed: an httpx.MockTransport serving tests/registry_fixtures.

The fixtures are hand-written in the documented response shapes, envelope
included: Crossref's {"status", "message-type", "message-version", "message"},
E-utilities' esearch/esummary JSON and efetch's PubmedArticleSet XML. Requests
for several PMIDs get one merged answer, as E-utilities gives. Every request
is recorded, so tests can check the User-Agent, mailto, tool/email/api_key and
the spacing of requests. `queue()` serves scripted answers (429 with
Retry-After, 503, garbage, a dropped connection) before the fixtures.

Loaded as a pytest plugin (tests/conftest.py): the autouse fixture makes any
test that reaches for the real network fail, and `registries` hands a test
the mock.
"""

import copy
import json
import re
from collections import defaultdict, deque
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest
from pyrate_limiter import Duration, Limiter, Rate

from evidence.importers import http

FIXTURES = Path(__file__).parent / "registry_fixtures"
CROSSREF_HOST = "api.crossref.org"
EUTILS_HOST = "eutils.ncbi.nlm.nih.gov"
EFETCH_HEAD = (
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    '1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)
_ARTICLE = re.compile(r"<PubmedArticle>.*?</PubmedArticle>", re.DOTALL)


class Registries:
    def __init__(self):
        self.requests = []
        self.slept = []
        self.queued = defaultdict(deque)
        self.offline = False
        self.works, self.summaries, self.articles = {}, {}, {}
        for path in sorted((FIXTURES / "crossref").glob("*.json")):
            self.add_work(json.loads(path.read_text()))
        for path in sorted((FIXTURES / "pubmed" / "esummary").glob("*.json")):
            pmid = path.stem
            doc = json.loads(path.read_text())["result"][pmid]
            xml = (FIXTURES / "pubmed" / "efetch" / f"{pmid}.xml").read_text()
            self.add_pubmed(doc, _ARTICLE.search(xml).group(0))

    def add_work(self, envelope):
        self.works[envelope["message"]["DOI"].lower()] = envelope

    def add_copy(self, template_doi, *, doi):
        """Another work shaped like a fixture, under its own DOI (for many-source runs)."""
        envelope = copy.deepcopy(self.works[template_doi])
        envelope["message"]["DOI"] = doi
        self.add_work(envelope)

    def add_pubmed_copy(self, template_pmid, *, pmid):
        summary = {**copy.deepcopy(self.summaries[template_pmid]), "uid": pmid}
        article = self.articles[template_pmid].replace(
            f'<PMID Version="1">{template_pmid}</PMID>', f'<PMID Version="1">{pmid}</PMID>', 1
        )
        self.add_pubmed(summary, article)

    def add_pubmed(self, summary, article_xml):
        self.summaries[summary["uid"]] = summary
        self.articles[summary["uid"]] = article_xml

    def queue(self, host, *answers):
        """Serve these (httpx.Response or an exception to raise) before the fixtures."""
        self.queued[host].extend(answers)

    def to(self, host):
        return [r for r in self.requests if r.url.host == host]

    def __call__(self, request):
        self.requests.append(request)
        if self.offline:
            raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution")
        if self.queued[request.url.host]:
            answer = self.queued[request.url.host].popleft()
            if isinstance(answer, Exception):
                raise answer
            return answer
        if request.url.host == CROSSREF_HOST:
            return self.crossref(request)
        if request.url.host == EUTILS_HOST:
            return self.eutils(request)
        return httpx.Response(502, text="no such service in the mock")

    def crossref(self, request):
        path = request.url.raw_path.decode().split("?")[0]
        doi = unquote(path.removeprefix("/works/")).lower()
        if doi in self.works:
            return httpx.Response(200, json=self.works[doi])
        return httpx.Response(404, text="Resource not found.")

    def eutils(self, request):
        params = request.url.params
        ids = [i for i in params.get("id", "").split(",") if i]
        tool = request.url.path.rsplit("/", 1)[-1]
        if tool == "esearch.fcgi":
            return self.esearch(params.get("term", ""))
        if tool == "esummary.fcgi":
            return httpx.Response(200, json=self.esummary(ids))
        if tool == "efetch.fcgi":
            body = "\n".join(self.articles[i] for i in ids if i in self.articles)
            text = f"{EFETCH_HEAD}<PubmedArticleSet>\n{body}\n</PubmedArticleSet>\n"
            return httpx.Response(200, text=text, headers={"Content-Type": "text/xml"})
        return httpx.Response(400, json={"error": "unknown tool"})

    def esearch(self, term):
        doi = term.removesuffix("[doi]").lower()
        envelope = json.loads((FIXTURES / "pubmed" / "esearch.json").read_text())
        found = [
            pmid
            for pmid, doc in self.summaries.items()
            if any(i["idtype"] == "doi" and i["value"].lower() == doi for i in doc["articleids"])
        ]
        result = envelope["esearchresult"]
        result.update(count=str(len(found)), retmax=str(len(found)), idlist=found)
        result["querytranslation"] = term
        return httpx.Response(200, json=envelope)

    def esummary(self, ids):
        result = {"uids": ids}
        for pmid in ids:
            result[pmid] = self.summaries.get(
                pmid, {"uid": pmid, "error": "cannot get document summary"}
            )
        return {"header": {"type": "esummary", "version": "0.3"}, "result": result}


UNLIMITED = Limiter(Rate(100_000, Duration.SECOND))


def _no_network():
    def refuse(request):
        raise AssertionError(f"a test tried to reach the network: {request.url}")

    return httpx.MockTransport(refuse)


@pytest.fixture(autouse=True)
def _never_the_network(monkeypatch):
    monkeypatch.setattr(http, "base_transport", _no_network)


@pytest.fixture
def registries(monkeypatch):
    """The mock registries; rate limits lifted and back-off waits recorded instead of slept."""
    mock = Registries()
    monkeypatch.setattr(http, "base_transport", lambda: httpx.MockTransport(mock))
    monkeypatch.setattr(http, "sleep", mock.slept.append)
    monkeypatch.setattr(http, "limiter_for", lambda service, per_second: UNLIMITED)
    return mock
