"""Disclaimer rules: each required exactly when its condition holds, and shown to readers."""

import pytest

from evidence.assessment import ArticleEvidence, attach_required
from evidence.defaults import ensure_default_disclaimers
from evidence.models import ArticleDisclaimer, Claim, Disclaimer, DisclaimerRule, Source
from evidence.readiness import readiness
from tests.factories import make_article, make_citation, make_claim, make_ready, make_source

pytestmark = pytest.mark.django_db

RCT = {"design": Source.Design.RCT}
COHORT = {"design": Source.Design.COHORT}
CASE_REPORT = {"design": Source.Design.CASE_REPORT}
ANIMAL = {"design": Source.Design.ANIMAL, "population": Source.Population.ANIMALS}
E, S, M, OPINION = (
    Claim.Category.EFFICACY,
    Claim.Category.SUPPLEMENT,
    Claim.Category.MECHANISM,
    Claim.Category.OPINION,
)


@pytest.fixture(autouse=True)
def defaults():
    ensure_default_disclaimers()


def article_with(claims=(), *, commercial=False, contradicting=None):
    """claims: [(category, source kwargs or None)]."""
    article = make_article(
        body=" ".join(f"Zin [[claim:c{i}]]." for i in range(len(claims))),
        commercial_interest=commercial,
    )
    for i, (category, source) in enumerate(claims):
        claim = make_claim(article, key=f"c{i}", category=category)
        if source is not None:
            make_citation(claim, make_source(**source))
        if contradicting:
            make_citation(claim, make_source(**contradicting), role="contradicts")
    return article


def required_kinds(article):
    return {r.disclaimer.kind for r in ArticleEvidence.load(article).requirements}


@pytest.mark.parametrize(
    ("kind", "article_spec", "required"),
    [
        ("general", {}, True),
        ("supplement", {"claims": [(S, RCT)]}, True),
        ("supplement", {"claims": [(E, RCT)]}, False),
        ("preliminary", {"claims": [(E, COHORT)]}, True),
        ("preliminary", {"claims": [(E, CASE_REPORT)]}, True),
        ("preliminary", {"claims": [(E, RCT)]}, False),
        ("preliminary", {"claims": [(E, COHORT)], "contradicting": RCT}, True),  # mixed
        ("preliminary", {"claims": [(OPINION, None)]}, False),  # opinions have no level
        ("non_human", {"claims": [(M, ANIMAL)]}, True),
        ("non_human", {"claims": [(M, RCT)]}, False),
        ("opinion", {"claims": [(OPINION, None)]}, True),
        ("opinion", {"claims": [(E, RCT)]}, False),
        ("commercial", {"commercial": True}, True),
        ("commercial", {}, False),
    ],
)
def test_rule_requires_its_disclaimer_exactly_when_the_condition_holds(
    kind, article_spec, required
):
    article = article_with(**article_spec)
    assert (kind in required_kinds(article)) is required


@pytest.mark.parametrize(
    ("kind", "article_spec", "css_class"),
    [
        ("general", {}, "disclaimer-general"),
        ("supplement", {"claims": [(S, RCT)]}, "disclaimer-supplement"),
        ("preliminary", {"claims": [(E, COHORT)]}, "disclaimer-preliminary"),
        ("non_human", {"claims": [(M, ANIMAL)]}, "disclaimer-non_human"),
        ("opinion", {"claims": [(OPINION, None)]}, "disclaimer-opinion"),
        ("commercial", {"commercial": True}, "disclaimer-commercial"),
    ],
)
def test_required_disclaimer_is_rendered_on_the_page_and_absent_otherwise(
    client, kind, article_spec, css_class
):
    article = article_with(**article_spec)
    make_ready(article)
    article.publish(by=None)
    page = client.get(article.get_absolute_url()).content.decode()
    assert css_class in page
    assert Disclaimer.objects.get(kind=kind).text_nl.split(".")[0] in page
    if kind != "general":
        plain = make_ready(article_with())
        plain.publish(by=None)
        assert css_class not in client.get(plain.get_absolute_url()).content.decode()


def test_a_required_disclaimer_must_be_attached_before_publishing():
    article = article_with([(S, RCT)])
    problems = [p for p in readiness(article) if p.code == "missing_disclaimer"]
    assert len(problems) == 2  # general and supplement
    supplement = next(p for p in problems if "Supplementen" in p.message)
    assert "'c0'" in supplement.message and "Voeg alle verplichte disclaimers toe" in (
        supplement.message
    )
    attach_required(article)
    assert [p for p in readiness(article) if p.code == "missing_disclaimer"] == []


def test_attach_required_is_idempotent_and_records_why():
    article = article_with([(S, RCT)])
    assert len(attach_required(article)) == 2
    assert attach_required(article) == []
    note = ArticleDisclaimer.objects.get(article=article, disclaimer__kind="supplement").note
    assert "'c0'" in note


def test_an_inactive_rule_requires_nothing():
    DisclaimerRule.objects.filter(condition="always").update(is_active=False)
    assert "general" not in required_kinds(article_with())


def test_extra_disclaimers_are_shown_and_recorded_as_not_required(client):
    article = article_with()
    experience = Disclaimer.objects.get(kind="experience")
    ArticleDisclaimer.objects.create(article=article, disclaimer=experience, note="Lezersverhaal")
    make_ready(article)
    article.publish(by=None)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "disclaimer-experience" in page
    record = {d["kind"]: d for d in article.current_edition.disclaimers}
    assert record["experience"]["required"] is False
    assert record["experience"]["reasons"] == ["Lezersverhaal"]
    assert record["general"]["required"] is True


def test_disclaimers_use_the_article_language(client):
    article = article_with()
    article.language = "en"
    article.save()
    make_ready(article)
    article.publish(by=None)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "does not replace advice from your doctor" in page
    assert "vervangt geen advies" not in page.split('class="disclaimers"')[1].split("</aside>")[0]


def test_commercial_notice_sits_before_every_affiliate_link(client):
    body = (
        'Koop [zink](https://winkel.example/zink "affiliate") of '
        '[magnesium](https://winkel.example/mg "advertentie"). Lees [meer](https://a.example).'
    )
    article = make_article(body=body, commercial_interest=True)
    make_ready(article)
    article.publish(by=None)
    page = client.get(article.get_absolute_url()).content.decode()
    notice = (
        '<span class="disclaimer disclaimer-inline">Advertentie / betaalde samenwerking</span> '
    )
    assert page.count(notice) == 2
    assert notice + '<a href="https://winkel.example/zink" rel="sponsored' in page
    assert notice + '<a href="https://winkel.example/mg" rel="sponsored' in page
    assert '<a href="https://a.example" rel="nofollow noopener noreferrer">' in page
    assert 'title="affiliate"' not in page
    # Also above the article, not only in the footer.
    summary = page.split('class="evidence-summary"')[1].split("</aside>")[0]
    assert "disclaimer-commercial" in summary


def test_defaults_are_idempotent_and_keep_editors_revisions():
    general = Disclaimer.objects.get(slug="algemeen")
    general.text_nl = "Herschreven door de redactie."
    general.save()
    count = (Disclaimer.objects.count(), DisclaimerRule.objects.count())
    assert ensure_default_disclaimers() == 0
    assert (Disclaimer.objects.count(), DisclaimerRule.objects.count()) == count
    assert Disclaimer.objects.get(slug="algemeen").text_nl == "Herschreven door de redactie."


def test_every_default_kind_exists_in_both_languages():
    texts = {d.kind: (d.text_nl, d.text_en) for d in Disclaimer.objects.all()}
    assert set(texts) == set(Disclaimer.Kind.values)
    assert all(nl and en for nl, en in texts.values())
    assert "vervangt geen advies van je arts" in texts["general"][0]
    assert "geen vervanging voor gevarieerde voeding" in texts["supplement"][0]
    assert texts["commercial"][0].startswith("Advertentie / betaalde samenwerking")
    assert texts["experience"][0].startswith(
        "Persoonlijke ervaring — niet representatief en geen medisch advies"
    )
