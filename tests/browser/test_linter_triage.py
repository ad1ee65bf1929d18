"""The claim linter's one-click triage in a real browser (headless Chromium via Playwright).

Self-contained: its own browser and login fixtures, pytest-django's live_server.
Proves what the test client cannot: the triage controls sit inside the article
form but submit their own forms, the static script refuses triage while the
form has unsaved changes (and keeps what was typed), and "Markeer als claim"
and "Geen gezondheidsclaim" work end to end.
"""

import os
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from blog.models import Article
from evidence.models import Claim, Dismissal
from tests.factories import make_article, make_user

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CLAIM = "Kefir ondersteunt je darmen na een antibioticakuur."
GENERAL = "Vezels zijn goed voor je darmen."

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _async_unsafe_allowed(monkeypatch):
    # Playwright's sync API runs an event loop in the test thread, and Django then refuses
    # ORM calls. Set only while these tests run: set at import, it would leak into every later
    # test and subprocess (manage.py check --deploy warns about it).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
        # ORM calls made while Playwright's loop runs open their own connection; close it,
        # or PostgreSQL cannot drop the test database at the end of the run.
        connections.close_all()


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser, live_server):
    make_user("redacteur", password="geheim-wachtwoord-1", is_staff=True, is_superuser=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1600}, locale="nl-NL")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "redacteur")
    page.fill("#id_password", "geheim-wachtwoord-1")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    yield page
    page.close()


@pytest.fixture
def article():
    return make_article(
        title="Kefir na antibiotica", body=f"{CLAIM}\n\n{GENERAL}\n\nEen glas per dag."
    )


def _row(page, sentence):
    """The finding whose highlighted sentence is this one (its context shows its neighbours)."""
    return page.locator("#linter li.finding").filter(has=page.locator("mark", has_text=sentence))


def test_mark_as_claim_refuses_unsaved_changes_then_creates_the_claim(
    page, article, live_server, shots
):
    page.goto(f"{live_server.url}/admin/blog/article/{article.pk}/change/")
    row = _row(page, CLAIM)
    expect(row.locator("mark")).to_contain_text("ondersteunt")
    expect(page.locator("#linter-unsaved")).to_be_hidden()
    page.screenshot(path=shots / "linter-panel.png", full_page=True)

    page.fill("#id_lead", "Nieuwe inleiding die nog niet is opgeslagen.")
    row.get_by_role("button", name="Markeer als claim").click()
    expect(page.locator("#linter-unsaved")).to_be_visible()
    assert page.input_value("#id_lead") == "Nieuwe inleiding die nog niet is opgeslagen."
    assert "/change/" in page.url and not Claim.objects.exists()
    page.screenshot(path=shots / "linter-unsaved.png")

    page.reload()
    _row(page, CLAIM).get_by_role("button", name="Markeer als claim").click()
    expect(page.locator(".messagelist")).to_contain_text("aangemaakt en in de tekst gemarkeerd")
    claim = Claim.objects.get(article=article)
    assert f"/admin/evidence/claim/{claim.pk}/change/" in page.url
    assert claim.statement == CLAIM
    assert f"antibioticakuur [[claim:{claim.key}]]." in Article.objects.get(pk=article.pk).body
    page.screenshot(path=shots / "linter-claim-opened.png", full_page=True)


def test_not_a_health_claim_dismisses_with_the_chosen_reason(page, article, live_server, shots):
    page.goto(f"{live_server.url}/admin/blog/article/{article.pk}/change/")
    row = _row(page, GENERAL)
    row.locator("summary", has_text="Geen gezondheidsclaim").click()
    row.get_by_label("Waarom niet?").select_option("definition")
    row.get_by_label("Toelichting (optioneel)").fill("Algemeen bekend.")
    row.get_by_role("button", name="Afwijzen").click()
    expect(page.locator(".messagelist")).to_contain_text("Afgewezen als geen gezondheidsclaim")
    expect(_row(page, GENERAL)).to_contain_text("afgewezen")
    expect(page.locator("#readiness")).not_to_contain_text(GENERAL)
    dismissal = Dismissal.objects.get()
    assert (dismissal.reason, dismissal.note, dismissal.sentence) == (
        "definition",
        "Algemeen bekend.",
        GENERAL,
    )
    page.screenshot(path=shots / "linter-dismissed.png", full_page=True)


def test_dismissing_without_a_reason_is_stopped_by_the_browser(page, article, live_server):
    page.goto(f"{live_server.url}/admin/blog/article/{article.pk}/change/")
    row = _row(page, GENERAL)
    row.locator("summary", has_text="Geen gezondheidsclaim").click()
    row.get_by_role("button", name="Afwijzen").click()
    assert "/change/" in page.url and not Dismissal.objects.exists()
