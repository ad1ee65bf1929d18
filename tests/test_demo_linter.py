"""The demo and the claim linter: published articles pass honestly, the linter tour fails."""

import pytest

from blog.models import Article
from evidence import linter
from evidence.assessment import ArticleEvidence
from evidence.models import Dismissal
from evidence.readiness import readiness
from tests.test_demo_seed import demo, seeded  # noqa: F401 (the seeded demo fixtures)

pytestmark = pytest.mark.usefixtures("seeded")

TOUR = "darmkuur-voor-een-stralende-huid"


def _rows(slug):
    return ArticleEvidence.load(Article.objects.get(slug=slug)).lint_rows


def test_no_published_demo_article_has_an_open_blocking_finding():
    for article in Article.objects.published():
        open_rows = [row for row in ArticleEvidence.load(article).lint_rows if row.blocks]
        assert open_rows == [], article.slug


def test_demo_dismissals_are_only_for_sentences_that_are_no_claim_and_give_a_reason():
    dismissals = list(Dismissal.objects.select_related("created_by"))
    assert dismissals
    for dismissal in dismissals:
        assert dismissal.category in linter.DISMISSABLE and not dismissal.is_waiver
        assert dismissal.note and dismissal.created_by.username == "redacteur"


def test_the_linter_tour_shows_every_category_and_is_refused_until_triaged():
    rows = _rows(TOUR)
    assert {row.finding.category for row in rows} == set(linter.CATEGORIES)
    article = Article.objects.get(slug=TOUR)
    codes = {problem.code for problem in readiness(article)}
    assert {"lint_uncited_claim", "lint_forbidden_wording", "lint_research_appeal"} <= codes
    assert {"lint_overstated", "lint_non_human_as_human"} <= codes
    assert not article.is_public


@pytest.mark.parametrize("slug", ["rosacea-triggers-bijhouden", "zink-en-acne"])
def test_demo_articles_waiting_to_go_public_have_no_linter_problems(slug):
    article = Article.objects.get(slug=slug)
    assert [p for p in readiness(article) if p.code.startswith("lint_")] == []


def test_the_gate_tour_counts_in_the_readme_hold():
    article = Article.objects.get(slug="kurkuma-bij-psoriasis")
    assert len(readiness(article)) == 11
    [unmarked] = [p for p in readiness(article) if p.code == "lint_uncited_claim"]
    assert "bloedverdunners" in str(unmarked)
    article.body = article.body.replace(
        "[[claim:kurkuma-ontsteking]]", "[[claim:kurkuma-ontstekingen]]"
    )
    article.save()
    assert len(readiness(article)) == 9
