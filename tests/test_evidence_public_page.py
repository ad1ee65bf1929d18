"""What readers see of the evidence: badges, references, summary, disclaimers, JSON-LD."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence.defaults import ensure_default_disclaimers
from evidence.models import Citation, Claim, Source
from tests.factories import (
    make_article,
    make_citation,
    make_claim,
    make_ready,
    make_source,
)

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def publish_with_claims(claims, *, body_prefix="", **article_kwargs):
    """claims: [(key, category, [(source, role)])]; returns the published article."""
    body = body_prefix + " ".join(f"Bewering {key} [[claim:{key}]]." for key, _c, _s in claims)
    article = make_article(body=body, **article_kwargs)
    for key, category, citations in claims:
        claim = make_claim(article, key=key, category=category, statement=f"Bewering {key}.")
        for source, role in citations:
            make_citation(claim, source, role=role)
    make_ready(article)
    article.publish(by=None)
    return article


@pytest.fixture
def sources():
    return {
        "review": make_source(
            title="Meta-analyse probiotica",
            design=Source.Design.SYSTEMATIC_REVIEW_RCTS,
            doi="10.1000/META",
            pmid="31111111",
        ),
        "rct": make_source(title="Zinkproef", design=Source.Design.RCT, doi="10.1000/rct"),
        "cohort": make_source(
            title="Cohort darm",
            design=Source.Design.COHORT,
            doi=None,
            url="https://example.org/cohort",
        ),
    }


@pytest.fixture
def page(client, sources):
    ensure_default_disclaimers()
    supports = Citation.Role.SUPPORTS
    article = publish_with_claims(
        [
            ("probiotica", Claim.Category.EFFICACY, [(sources["review"], supports)]),
            ("zink", Claim.Category.SUPPLEMENT, [(sources["rct"], supports)]),
            ("vezels", Claim.Category.ASSOCIATION, [(sources["cohort"], supports)]),
            ("verwachting", Claim.Category.OPINION, []),
        ]
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_each_claim_has_a_readable_badge_linking_to_its_references(page):
    assert (
        '<a class="claim-badge level-high" href="#ref-probiotica" id="claim-probiotica" '
        'title="Bewering probiotica.">bewijs: hoog</a>'
    ) in page
    assert "bewijs: matig" in page and 'href="#ref-zink"' in page
    assert "bewijs: laag" in page
    assert 'class="claim-badge level-opinion"' in page and ">mening</a>" in page
    assert "[[claim:" not in page


def test_references_group_citations_per_claim_with_doi_and_pubmed_links(page):
    for key in ("probiotica", "zink", "vezels", "verwachting"):
        assert f'<li id="ref-{key}">' in page
    assert 'href="https://doi.org/10.1000/meta"' in page  # normalised to lower case
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/31111111/"' in page
    assert "<cite>Meta-analyse probiotica</cite>" in page
    assert 'href="https://example.org/cohort"' in page  # no DOI: the URL
    references = page[page.index('id="ref-probiotica"') : page.index('id="ref-zink"')]
    assert "Meta-analyse probiotica" in references and "Zinkproef" not in references


def test_evidence_summary_counts_claims_per_level(page):
    summary = page[page.index('class="evidence-summary"') :]
    summary = summary[: summary.index("</aside>")]
    assert "4 claims: 1 hoog, 1 matig, 1 laag, 1 mening." in summary


def test_required_disclaimers_are_shown(page):
    assert 'class="disclaimer disclaimer-general"' in page
    assert "vervangt geen advies van je arts" in page
    assert "geen vervanging voor gevarieerde voeding" in page  # the supplement claim
    assert 'class="disclaimer disclaimer-opinion"' in page  # the opinion claim
    assert "disclaimer-preliminary" in page  # the cohort claim is low


def test_json_ld_is_a_medical_web_page_naming_every_cited_doi(page):
    [raw] = JSON_LD.findall(page)
    data = json.loads(raw)
    assert data["@type"] == "MedicalWebPage"
    cited = {item.get("@id") for item in data["citation"]}
    assert {"https://doi.org/10.1000/meta", "https://doi.org/10.1000/rct"} <= cited
    assert len(data["citation"]) == 3
    assert data["reviewedBy"]["@type"] == "Person"
    assert re.match(r"\d{4}-\d{2}-\d{2}", data["lastReviewed"])


def test_json_ld_without_review_leaves_review_fields_out(settings, client):
    settings.GUTCHECK = {**settings.GUTCHECK, "MEDICAL_REVIEW_REQUIRED": False}
    article = make_article(body="Tekst zonder claims.")
    article.publish(by=None)
    data = json.loads(JSON_LD.findall(client.get(article.get_absolute_url()).content.decode())[0])
    assert "reviewedBy" not in data and "lastReviewed" not in data
    assert data["citation"] == []


def test_everything_inserted_is_escaped(client):
    hostile = make_source(
        title="</script><script>alert(1)</script>",
        doi="10.1000/x<y",
        authors='"><img src=x onerror=alert(2)>',
    )
    article = publish_with_claims(
        [("xss", Claim.Category.EFFICACY, [(hostile, Citation.Role.SUPPORTS)])]
    )
    claim = article.claims.get()
    Claim.objects.filter(pk=claim.pk).update(statement='<b onmouseover="x">vet</b>')
    make_ready(article)  # the medical review must cover the changed claim
    article.publish(by=None)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert '<b onmouseover="x">' not in page
    [raw] = JSON_LD.findall(page)  # the hostile title did not close the script element
    assert "</script><script>alert(1)</script>" in json.loads(raw)["citation"][0]["name"]


def _page_queries(client, article):
    url = article.get_absolute_url()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _published_with(n_claims):
    claims = [
        (
            f"c{i}",
            Claim.Category.EFFICACY,
            [(make_source(), Citation.Role.SUPPORTS), (make_source(), Citation.Role.CONTRADICTS)],
        )
        for i in range(n_claims)
    ]
    return publish_with_claims(claims)


def test_page_query_count_does_not_grow_with_claims_or_citations(client):
    small, large = _published_with(5), _published_with(50)
    small_count, large_count = _page_queries(client, small), _page_queries(client, large)
    print(f"article page queries: 5 claims → {small_count}, 50 claims → {large_count}")
    assert small_count == large_count


def test_source_page_shows_bibliography_integrity_and_citing_articles(client, sources):
    article = publish_with_claims(
        [("zink", Claim.Category.SUPPLEMENT, [(sources["rct"], Citation.Role.SUPPORTS)])]
    )
    sources["rct"].set_integrity("correction", "Correctie in tabel 2 (2024).")
    page = client.get(sources["rct"].get_absolute_url()).content.decode()
    assert "Zinkproef" in page and "Jansen A, de Vries B" in page
    assert 'href="https://doi.org/10.1000/rct"' in page
    assert "gerandomiseerde studie" in page.lower()
    assert "Correctie in tabel 2" in page
    assert article.current_edition.title in page


def test_source_page_lists_only_published_articles(client, sources):
    draft = make_article(title="Geheim concept", body="[[claim:zink]]")
    make_citation(make_claim(draft, key="zink"), sources["rct"])
    page = client.get(sources["rct"].get_absolute_url()).content.decode()
    assert "Geheim concept" not in page


def test_article_records_which_disclaimers_it_showed_and_why(sources):
    ensure_default_disclaimers()
    article = publish_with_claims(
        [("zink", Claim.Category.SUPPLEMENT, [(sources["rct"], Citation.Role.SUPPORTS)])]
    )
    record = {item["slug"]: item for item in article.current_edition.disclaimers}
    assert set(record) == {"algemeen", "supplement"}
    assert record["supplement"]["required"] is True
    assert "'zink'" in record["supplement"]["reasons"][0]
    assert record["algemeen"]["version"] == 1
