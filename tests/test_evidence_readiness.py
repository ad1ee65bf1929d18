"""The gate's checks: each problem is reported, named, and says what to do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence import readiness as gate
from evidence.models import Citation, Claim, Source
from evidence.readiness import Problem, readiness
from tests.factories import make_article, make_citation, make_claim, make_source

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("review_not_required")]


def codes(article):
    return [problem.code for problem in readiness(article)]


def covered_article(body="Probiotica helpen waarschijnlijk [[claim:pro]].", **claim_kwargs):
    article = make_article(body=body)
    claim = make_claim(article, key="pro", **claim_kwargs)
    make_citation(claim, make_source(design=Source.Design.RCT))
    return article, claim


def test_a_fully_covered_article_has_no_problems():
    article, _claim = covered_article()
    assert readiness(article) == []


def test_a_marker_naming_no_claim():
    article = make_article(body="Zink helpt waarschijnlijk [[claim:zink]].")
    [problem] = readiness(article)
    assert problem.code == "unknown_marker"
    assert problem.claim_key == "zink"
    assert "[[claim:zink]]" in problem.message and "maak de claim" in problem.message
    assert problem.admin_url.endswith("#claims-group")


def test_a_malformed_marker_is_reported_not_ignored():
    article = make_article(body="Zink helpt [[Claim: Zink]] en [[claim:ok-key].")
    problems = readiness(article)
    assert [p.code for p in problems] == ["malformed_marker", "malformed_marker"]
    assert "[[Claim: Zink]]" in problems[0].message
    assert problems[0].admin_url.endswith("#id_body")


def test_a_claim_never_marked_in_the_body():
    article, _claim = covered_article(body="De markering is weggevallen.")
    [problem] = readiness(article)
    assert (problem.code, problem.claim_key) == ("unmarked_claim", "pro")
    assert "[[claim:pro]]" in problem.message


def test_a_claim_without_supporting_citation():
    article = make_article(body="Zink helpt waarschijnlijk [[claim:zink]].")
    claim = make_claim(article, key="zink")
    make_citation(claim, role=Citation.Role.BACKGROUND)
    [problem] = readiness(article)
    assert problem.code == "unsupported_claim"
    assert "'zink'" in problem.message and "ondersteunt" in problem.message
    assert problem.admin_url == claim.get_admin_url()


def test_an_opinion_needs_no_citation():
    article = make_article(body="Wij denken dat [[claim:mening]].")
    make_claim(article, key="mening", category=Claim.Category.OPINION)
    assert codes(article) == []


@pytest.mark.parametrize(
    ("category", "blocked"),
    [
        (Claim.Category.EFFICACY, True),
        (Claim.Category.MECHANISM, False),
        (Claim.Category.ASSOCIATION, False),
    ],
)
def test_efficacy_resting_only_on_animal_or_lab_evidence(category, blocked):
    article = make_article(body="Muizen [[claim:muis]].")
    claim = make_claim(article, key="muis", category=category)
    make_citation(
        claim, make_source(design=Source.Design.ANIMAL, population=Source.Population.ANIMALS)
    )
    assert ("efficacy_non_human" in codes(article)) is blocked


def test_efficacy_with_human_evidence_beside_animal_evidence_passes():
    article = make_article(body="Muizen en mensen [[claim:muis]].")
    claim = make_claim(article, key="muis")
    make_citation(
        claim, make_source(design=Source.Design.ANIMAL, population=Source.Population.ANIMALS)
    )
    make_citation(claim, make_source(design=Source.Design.COHORT))
    assert codes(article) == []


def test_a_retracted_cited_source_names_the_source_and_claim():
    article, claim = covered_article()
    retracted = make_source(
        title="Ingetrokken studie",
        integrity_status="retracted",
        integrity_notice="Retraction notice 2024.",
    )
    make_citation(claim, retracted)
    [problem] = readiness(article)
    assert problem.code == "retracted_source"
    assert "Ingetrokken studie" in problem.message and "'pro'" in problem.message


def test_an_expression_of_concern_must_be_acknowledged():
    article = make_article(body="Zink [[claim:zink]].")
    claim = make_claim(article, key="zink")
    citation = make_citation(
        claim, make_source(integrity_status="concern", integrity_notice="EoC 2024.")
    )
    assert codes(article) == ["source_concern"]
    citation.concern_acknowledged = True
    citation.save()
    assert codes(article) == []


def test_an_invalid_override_saved_outside_the_admin_is_caught_and_ignored():
    article, claim = covered_article()
    citation = claim.citations.get()
    citation.level_override = "high"  # moderate → high needs a reason and an explanation
    citation.save()
    [problem] = readiness(article)
    assert problem.code == "invalid_override"
    assert citation.effective_level == "moderate"


def test_affiliate_links_need_the_commercial_flag():
    article = make_article(body='Koop [hier](https://winkel.example/zink "affiliate").')
    assert codes(article) == ["undeclared_affiliate"]
    article.commercial_interest = True
    article.save()
    assert "undeclared_affiliate" not in codes(article)


def test_every_problem_at_once_in_one_list():
    article = make_article(body="[[claim:onbekend]] en [[claim:zonder-bron]].")
    make_claim(article, key="zonder-bron")
    make_claim(article, key="niet-gemarkeerd", category=Claim.Category.OPINION)
    assert sorted(codes(article)) == ["unknown_marker", "unmarked_claim", "unsupported_claim"]


def test_problems_read_as_dutch_sentences():
    article = make_article(body="Zink helpt waarschijnlijk [[claim:zink]].")
    [problem] = readiness(article)
    assert str(problem) == problem.message
    assert problem.message.endswith(".") and problem.message[0].isupper()


def _readiness_queries(article):
    with CaptureQueriesContext(connection) as queries:
        readiness(article)
    return len(queries)


def _article_with_claims(n):
    article = make_article(body=" ".join(f"Zin [[claim:c{i}]]." for i in range(n)))
    for i in range(n):
        claim = make_claim(article, key=f"c{i}")
        make_citation(claim)
        make_citation(claim, role=Citation.Role.CONTRADICTS)
    return article


def test_query_count_does_not_grow_with_claims_or_citations():
    assert _readiness_queries(_article_with_claims(1)) == _readiness_queries(
        _article_with_claims(20)
    )


def test_another_app_can_add_a_check():
    def always_blocks(evidence):
        yield Problem("test_check", "Een extra controle faalt.")

    article = make_article()
    gate.register_check(always_blocks)
    try:
        assert codes(article) == ["test_check"]
    finally:
        gate.CHECKS.remove(always_blocks)
    assert codes(article) == []
