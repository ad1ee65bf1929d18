"""The claim linter's one-click triage in a real browser (headless Chromium via Playwright).

Proves what the test client cannot: the triage controls sit inside the article
form but submit their own forms, the static script refuses triage while the
form has unsaved changes (and keeps what was typed), and "Markeer als claim"
and "Geen gezondheidsclaim" work end to end. Runs on the shared harness
(tests/browser/conftest.py): the demo site and the demo editor's session.
"""

import pytest
from playwright.sync_api import expect

from blog.models import Article
from evidence.models import Claim, Dismissal
from tests.browser import harness
from tests.factories import make_article

CLAIM = "Kefir ondersteunt je darmen na een antibioticakuur."
GENERAL = "Vezels zijn goed voor je darmen."


@pytest.fixture
def page(page_as):
    return page_as("editor", viewport={"width": 1280, "height": 1600})


@pytest.fixture
def article():
    return make_article(
        title="Kefir na antibiotica", body=f"{CLAIM}\n\n{GENERAL}\n\nEen glas per dag."
    )


def _row(page, sentence):
    """The finding whose highlighted sentence is this one (its context shows its neighbours)."""
    return page.locator("#linter li.finding").filter(has=page.locator("mark", has_text=sentence))


def test_mark_as_claim_refuses_unsaved_changes_then_creates_the_claim(page, article, live_server):
    page.goto(f"{live_server.url}/admin/blog/article/{article.pk}/change/")
    row = _row(page, CLAIM)
    expect(row.locator("mark")).to_contain_text("ondersteunt")
    expect(page.locator("#linter-unsaved")).to_be_hidden()
    harness.screenshot(page, "linter-panel")

    page.fill("#id_lead", "Nieuwe inleiding die nog niet is opgeslagen.")
    row.get_by_role("button", name="Markeer als claim").click()
    expect(page.locator("#linter-unsaved")).to_be_visible()
    assert page.input_value("#id_lead") == "Nieuwe inleiding die nog niet is opgeslagen."
    assert "/change/" in page.url and not Claim.objects.filter(article=article).exists()
    harness.screenshot(page, "linter-unsaved", full_page=False)

    page.reload()
    _row(page, CLAIM).get_by_role("button", name="Markeer als claim").click()
    expect(page.locator(".messagelist")).to_contain_text("aangemaakt en in de tekst gemarkeerd")
    claim = Claim.objects.get(article=article)
    assert f"/admin/evidence/claim/{claim.pk}/change/" in page.url
    assert claim.statement == CLAIM
    assert f"antibioticakuur [[claim:{claim.key}]]." in Article.objects.get(pk=article.pk).body
    harness.screenshot(page, "linter-claim-opened")


def test_not_a_health_claim_dismisses_with_the_chosen_reason(page, article, live_server):
    page.goto(f"{live_server.url}/admin/blog/article/{article.pk}/change/")
    row = _row(page, GENERAL)
    row.locator("summary", has_text="Geen gezondheidsclaim").click()
    row.get_by_label("Waarom niet?").select_option("definition")
    row.get_by_label("Toelichting (optioneel)").fill("Algemeen bekend.")
    row.get_by_role("button", name="Afwijzen").click()
    expect(page.locator(".messagelist")).to_contain_text("Afgewezen als geen gezondheidsclaim")
    expect(_row(page, GENERAL)).to_contain_text("afgewezen")
    expect(page.locator("#readiness")).not_to_contain_text(GENERAL)
    dismissal = Dismissal.objects.get(article=article)
    assert (dismissal.reason, dismissal.note, dismissal.sentence) == (
        "definition",
        "Algemeen bekend.",
        GENERAL,
    )
    harness.screenshot(page, "linter-dismissed")


def test_dismissing_without_a_reason_is_stopped_by_the_browser(page, article, live_server):
    page.goto(f"{live_server.url}/admin/blog/article/{article.pk}/change/")
    row = _row(page, GENERAL)
    row.locator("summary", has_text="Geen gezondheidsclaim").click()
    row.get_by_role("button", name="Afwijzen").click()
    assert "/change/" in page.url and not Dismissal.objects.filter(article=article).exists()
