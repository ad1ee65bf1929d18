"""Editing evidence in the admin: clear errors naming the field, nothing typed lost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evidence.defaults import ensure_default_disclaimers
from evidence.models import ArticleDisclaimer, Citation, Claim, Source
from tests.evidence_helpers import article_change_url, form_data, post_admin_form
from tests.factories import (
    make_article,
    make_citation,
    make_claim,
    make_published_article,
    make_ready,
    make_source,
    make_topic,
)

pytestmark = pytest.mark.django_db

SOURCE_ADD = "admin:evidence_source_add"


def source_form(**changes):
    data = {
        "title": "Probiotica en acne",
        "authors": "Bakker C",
        "journal": "Huid",
        "year": "2021",
        "doi": "",
        "pmid": "",
        "pmcid": "",
        "url": "",
        "design": "rct",
        "population": "humans",
        "sample_size": "",
        "outcomes": "unknown",
        "integrity_status": "none",
        "integrity_notice": "",
    }
    return {**data, **changes}


def errors_of(response):
    return response.context["adminform"].form.errors


# Sources


def test_doi_and_pmid_are_normalised(admin_client):
    response = admin_client.post(
        reverse(SOURCE_ADD),
        source_form(doi="https://doi.org/10.1000/ABC.123", pmid="PMID: 31234567", pmcid="7654321"),
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.doi, source.pmid, source.pmcid) == ("10.1000/abc.123", "31234567", "PMC7654321")


@pytest.mark.parametrize(
    ("field", "existing", "typed"),
    [
        ("doi", "10.1000/abc", "https://doi.org/10.1000/ABC"),
        ("doi", "10.1000/abc", "doi: 10.1000/Abc"),
        ("pmid", "31234567", "PMID:31234567"),
        ("pmid", "31234567", "https://pubmed.ncbi.nlm.nih.gov/31234567/"),
    ],
)
def test_a_duplicate_names_the_existing_source_and_keeps_what_was_typed(
    admin_client, field, existing, typed
):
    original = make_source(title="De eerste studie", **{field: existing})
    response = admin_client.post(reverse(SOURCE_ADD), source_form(**{field: typed}))
    assert response.status_code == 200
    [message] = errors_of(response)[field]
    assert "De eerste studie" in message and f"nr. {original.pk}" in message
    page = response.content.decode()
    assert typed in page and "Probiotica en acne" in page  # nothing typed is lost
    assert Source.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("doi", "10.1000", "geen geldige DOI"),
        ("doi", "onzin/123", "geen geldige DOI"),
        ("pmid", "12ab", "alleen uit cijfers"),
        ("pmcid", "PMX12", "PMC1234567"),
    ],
)
def test_invalid_identifiers_get_field_errors(admin_client, field, value, expected):
    response = admin_client.post(reverse(SOURCE_ADD), source_form(**{field: value}))
    assert response.status_code == 200
    assert expected in " ".join(errors_of(response)[field])
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    "term",
    [
        "Probiotica",
        "10.1000/xyz",
        "https://doi.org/10.1000/XYZ",
        "31234567",
        "PMID: 31234567",
        "Bakker",
    ],
)
def test_sources_are_found_by_title_doi_pmid_and_author(admin_client, term):
    make_source(
        title="Probiotica en acne", doi="10.1000/xyz", pmid="31234567", authors="Bakker C, Smit D"
    )
    make_source(title="Iets anders", doi="10.1000/other", authors="Visser E")
    page = admin_client.get(reverse("admin:evidence_source_changelist"), {"q": term})
    text = page.content.decode()
    assert "Probiotica en acne" in text and "Iets anders" not in text


# Claims on the article page


def test_claims_are_added_from_the_article_page(admin_client):
    article = make_article(body="Oud.")
    response = post_admin_form(
        admin_client,
        article_change_url(article),
        {
            "body": "Zink helpt [[claim:zink]].",
            "claims-0-key": "zink",
            "claims-0-statement": "Zink helpt.",
            "claims-0-category": "supplement",
        },
        _continue="1",
    )
    assert response.status_code == 302
    assert article.claims.get().key == "zink"


def test_an_unknown_marker_is_refused_naming_the_field_and_keeping_the_text(admin_client):
    article = make_article(body="Oud.")
    typed = "Nieuwe alinea met zorg geschreven [[claim:bestaat-niet]]."
    response = post_admin_form(
        admin_client, article_change_url(article), {"body": typed}, _continue="1"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Veld &#x27;Tekst&#x27;: [[claim:bestaat-niet]] verwijst naar geen claim" in page
    assert typed in page
    article.refresh_from_db()
    assert article.body == "Oud."


def test_a_malformed_marker_is_refused(admin_client):
    article = make_article(body="Oud.")
    response = post_admin_form(
        admin_client, article_change_url(article), {"body": "Zink [[Claim:Zink]]."}, _continue="1"
    )
    assert response.status_code == 200
    assert "[[Claim:Zink]]» klopt niet" in response.content.decode()


def test_a_duplicate_claim_key_is_refused(admin_client):
    article = make_article(body="Zink [[claim:zink]].")
    make_claim(article, key="zink")
    url = article_change_url(article)
    data = form_data(admin_client.get(url).content.decode())
    data.update(
        {
            "claims-TOTAL_FORMS": ["2"],
            "claims-1-key": ["zink"],
            "claims-1-statement": ["Dubbel."],
            "claims-1-category": ["efficacy"],
            "claims-1-article": [str(article.pk)],
            "_continue": ["1"],
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "dezelfde sleutel" in response.content.decode() or (
        "al een claim met deze sleutel" in response.content.decode()
    )
    assert article.claims.count() == 1


def test_a_claim_key_must_be_usable_in_a_marker(admin_client):
    article = make_article(body="Tekst.")
    response = post_admin_form(
        admin_client,
        article_change_url(article),
        {
            "claims-0-key": "Zink Acne",
            "claims-0-statement": "Zink.",
            "claims-0-category": "supplement",
        },
        _continue="1",
    )
    assert response.status_code == 200
    assert "kleine letters, cijfers en streepjes" in response.content.decode()


# Citations on the claim page


def claim_page_post(client, claim, **citation):
    url = reverse("admin:evidence_claim_change", args=[claim.pk])
    changes = {f"citations-0-{name}": value for name, value in citation.items()}
    return post_admin_form(client, url, changes, _continue="1")


@pytest.fixture
def claim():
    return make_claim(make_article(body="Zink [[claim:zink]]."), key="zink")


def test_a_citation_is_added_with_its_default_level(admin_client, claim):
    source = make_source(design=Source.Design.COHORT)
    response = claim_page_post(admin_client, claim, source=source.pk, role="supports")
    assert response.status_code == 302
    citation = Citation.objects.get()
    assert (citation.level, citation.effective_level) == ("low", "low")


def test_an_override_without_reason_and_explanation_names_both_fields(admin_client, claim):
    source = make_source(design=Source.Design.RCT)
    response = claim_page_post(
        admin_client,
        claim,
        source=source.pk,
        role="supports",
        level_override="low",
        locator="Tabel 3",
    )
    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert set(form.errors) == {"override_reason", "override_explanation"}
    assert "Tabel 3" in response.content.decode()
    assert not Citation.objects.exists()


def test_an_override_of_more_than_one_step_is_refused(admin_client, claim):
    source = make_source(design=Source.Design.SYSTEMATIC_REVIEW_RCTS)
    response = claim_page_post(
        admin_client,
        claim,
        source=source.pk,
        role="supports",
        level_override="low",
        override_reason="bias",
        override_explanation="Slechte blindering.",
    )
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert "maar één stap" in form.errors["level_override"][0]
    assert "matig" in form.errors["level_override"][0]


def test_a_valid_override_is_stored(admin_client, claim):
    source = make_source(design=Source.Design.RCT)
    response = claim_page_post(
        admin_client,
        claim,
        source=source.pk,
        role="supports",
        level_override="low",
        override_reason="small_sample",
        override_explanation="Slechts 30 deelnemers.",
    )
    assert response.status_code == 302
    assert Citation.objects.get().effective_level == "low"


def test_a_press_release_cannot_support_a_claim(admin_client, claim):
    source = make_source(design=Source.Design.PRESS_RELEASE)
    response = claim_page_post(admin_client, claim, source=source.pk, role="supports")
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert "geen bewijs" in form.errors["source"][0]


def test_a_citation_to_a_missing_source_is_refused(admin_client, claim):
    response = claim_page_post(
        admin_client, claim, source="999999", role="supports", quote="Letterlijk citaat"
    )
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert "bestaat niet" in form.errors["source"][0]
    assert "Letterlijk citaat" in response.content.decode()


def test_saving_a_claim_returns_to_its_article(admin_client, claim):
    url = reverse("admin:evidence_claim_change", args=[claim.pk])
    response = post_admin_form(admin_client, url, {"statement": "Zink helpt wellicht."}, _save="1")
    assert response.status_code == 302
    assert response["Location"] == article_change_url(claim.article) + "#claims-group"


# The readiness panel


def test_panel_lists_every_problem_with_a_link_to_fix_it(admin_client):
    ensure_default_disclaimers()
    article = make_article(body="Zink [[claim:zink]] en [[claim:weg]].")
    claim = make_claim(article, key="zink", category="supplement")
    page = admin_client.get(article_change_url(article)).content.decode()
    panel = page[page.index('id="readiness"') :]
    assert "Klaar voor publicatie?" in panel
    assert "[[claim:weg]] verwijst naar geen claim" in panel
    assert "Claim &#x27;zink&#x27; heeft geen bruikbare ondersteunende bron" in panel
    assert f'href="{claim.get_admin_url()}"' in panel
    assert "Supplementen" in panel and "valt in de categorie" in panel  # why it is required
    assert "Voeg alle verplichte disclaimers toe" in panel


def test_attach_all_required_disclaimers_in_one_click(admin_client):
    ensure_default_disclaimers()
    article = make_article(body="Zink [[claim:zink]].")
    make_citation(make_claim(article, key="zink", category="supplement"))
    response = post_admin_form(
        admin_client, article_change_url(article), _continue="attach_required"
    )
    assert response.status_code == 302
    assert response["Location"].startswith(article_change_url(article))
    kinds = set(
        ArticleDisclaimer.objects.filter(article=article).values_list("disclaimer__kind", flat=True)
    )
    assert kinds == {"general", "supplement"}
    page = admin_client.get(article_change_url(article)).content.decode()
    assert "Voeg alle verplichte disclaimers toe" not in page


def test_panel_says_ready_when_nothing_blocks(admin_client):
    article = make_ready(make_article(body="Gewone tekst."))
    page = admin_client.get(article_change_url(article)).content.decode()
    assert "Geen problemen: dit artikel kan gepubliceerd worden." in page


def test_panel_shows_flagged_sources(admin_client):
    article = make_article(body="Zink [[claim:zink]].")
    source = make_source(title="Ingetrokken zinkstudie")
    make_citation(make_claim(article, key="zink"), source)
    source.set_integrity("retracted", "Notice.")
    page = admin_client.get(article_change_url(article)).content.decode()
    assert "integriteitsmelding" in page and "Ingetrokken zinkstudie" in page


# Coverage report


def test_coverage_report_lists_what_editors_must_look_at(admin_client):
    topic = make_topic(name="Acne")
    draft = make_article(
        title="Concept over acne",
        topic=topic,
        tags=["huid"],
        body="[[claim:leeg]] [[claim:zwak]] [[claim:gemengd]]",
    )
    make_claim(draft, key="leeg", statement="Zonder bron.")
    make_citation(
        make_claim(draft, key="zwak", statement="Eén cohort."),
        make_source(design=Source.Design.COHORT),
    )
    mixed = make_claim(draft, key="gemengd", statement="Tegengesproken.")
    make_citation(mixed, make_source(design=Source.Design.COHORT))
    make_citation(mixed, make_source(design=Source.Design.RCT), role="contradicts")
    cited = make_source()
    live = make_published_article(title="Live met ingetrokken bron")
    make_citation(make_claim(live, key="x"), cited)
    cited.set_integrity("retracted", "Notice.")

    changelist = admin_client.get(reverse("admin:evidence_claim_changelist")).content.decode()
    url = reverse("admin:evidence_claim_coverage")
    assert url in changelist
    page = admin_client.get(url).content.decode()
    sections = {
        title: page.split(title)[1].split("<h2")[0]
        for title in (
            "Ongedekte claims in concepten",
            "Claims op één bron met lage of zeer lage zekerheid",
            "Claims met gemengd bewijs",
            "Artikelen die een ingetrokken bron citeren",
        )
    }
    assert "Zonder bron." in sections["Ongedekte claims in concepten"]
    assert "Eén cohort." not in sections["Ongedekte claims in concepten"]
    assert "Eén cohort." in sections["Claims op één bron met lage of zeer lage zekerheid"]
    assert "Tegengesproken." in sections["Claims met gemengd bewijs"]
    assert "Live met ingetrokken bron" in sections["Artikelen die een ingetrokken bron citeren"]
    per_topic = page.split("Per onderwerp")[1].split("Per tag")[0]
    assert "<td>Acne</td><td>3</td><td>2</td><td>1</td><td>67%</td>" in per_topic
    assert "<td>huid</td>" in page.split("Per tag")[1]


def _coverage_page(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("admin:evidence_claim_coverage")).content.decode()
    return page, len(queries)


def test_coverage_report_tells_drafts_from_live_articles_without_a_query_per_claim(
    admin_client,
):
    live = make_published_article(title="Live artikel")
    cited = make_source()
    make_citation(make_claim(live, key="x", statement="Live en nu ongedekt."), cited)
    cited.set_integrity("retracted", "Notice.")
    make_claim(make_article(body="[[claim:a]]"), key="a", statement="Concept 0.")
    _coverage_page(admin_client)  # the first request of a session costs one more
    _page, one = _coverage_page(admin_client)
    for n in range(4):
        make_claim(make_article(body="[[claim:a]]"), key="a", statement=f"Concept {n + 1}.")
    page, five = _coverage_page(admin_client)
    drafts = page.split("Ongedekte claims in concepten")[1].split("<h2")[0]
    assert all(f"Concept {n}." in drafts for n in range(5))
    assert "Live en nu ongedekt." not in drafts
    assert five == one


def test_coverage_report_needs_permission(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:evidence_claim_coverage"))
    assert response.status_code == 403
    assert Claim.objects.count() == 0
