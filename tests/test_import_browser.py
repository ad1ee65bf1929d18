"""The import screens in a real Chromium: paste, preview, correct, confirm; upload; the notice.

Screenshots go to $SCREENSHOT_DIR when set (look at them), else to the test's tmp dir.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

from evidence.models import Source
from tests.factories import make_article, make_citation, make_claim, make_ready, make_user
from tests.import_helpers import THREE_DOIS
from tests.mock_registries import FIXTURES
from tests.test_import_journey import RETRACTION_WATCH

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is a dev dependency")

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="needs Debian's /usr/bin/chromium"),
    pytest.mark.usefixtures("review_not_required"),
]


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return lambda page, name: page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.fixture
def page(live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    user = make_user("beheerder", is_staff=True, is_superuser=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        tab = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        tab.set_default_timeout(10_000)
        tab.goto(f"{live_server.url}/admin/login/")
        tab.fill("#id_username", user.username)
        tab.fill("#id_password", "correct-horse-battery")
        tab.click("input[type=submit]")
        tab.base = live_server.url
        yield tab
        # The ORM calls made while Playwright's loop runs get their own connection; close it here.
        connections.close_all()
        browser.close()


def test_paste_three_dois_correct_one_and_confirm(page, registries, shots):
    page.goto(f"{page.base}/admin/evidence/source/")
    page.click("text=Bron toevoegen via DOI/PMID")
    page.fill("textarea[name=identifiers]", THREE_DOIS)
    shots(page, "1-paste-dois")
    page.click("input[value='Voorvertoning tonen']")
    designs = page.locator("#new-sources select[name$=-design]")
    assert [designs.nth(i).input_value() for i in range(3)] == ["rct", "sr_rct", "animal"]
    assert (
        page.locator("#new-sources .reason").first.inner_text().startswith("PubMed-publicatietype")
    )
    shots(page, "2-preview")
    assert Source.objects.count() == 0
    designs.nth(1).select_option("sr_obs")
    page.locator("#new-sources input[type=checkbox]").nth(2).uncheck()
    page.click("input[value='Aangevinkte bronnen opslaan']")
    assert "2 bron(nen) toegevoegd" in page.locator(".messagelist").inner_text()
    shots(page, "3-saved")
    assert sorted(Source.objects.values_list("design", flat=True)) == ["rct", "sr_obs"]


def test_an_unknown_doi_shows_the_reason_and_keeps_the_text(page, registries, shots):
    page.goto(f"{page.base}/admin/evidence/source/via-id/")
    page.fill("textarea[name=identifiers]", "10.5555/bestaat-niet")
    page.click("input[value='Voorvertoning tonen']")
    assert (
        "Crossref kent de DOI 10.5555/bestaat-niet niet" in page.locator(".errorlist").inner_text()
    )
    assert page.input_value("textarea[name=identifiers]") == "10.5555/bestaat-niet"
    shots(page, "4-unknown-doi")


def test_upload_a_zotero_file_and_see_new_duplicate_and_invalid(page, shots):
    Source.objects.create(
        title="Omega-3 (demo, al aanwezig)", doi="10.5555/demo.bib-2", design="cohort"
    )
    page.goto(f"{page.base}/admin/evidence/source/")
    page.click("text=Bestand importeren")
    page.set_input_files("input[type=file]", str(FIXTURES / "files" / "zotero-export.bib"))
    shots(page, "5-upload")
    page.click("input[value='Voorvertoning tonen']")
    assert page.locator("#new-sources tbody tr").count() == 3
    assert page.locator("#duplicate-sources tbody tr").count() == 2
    assert page.locator("#invalid-sources tbody tr").count() == 2
    assert "javascript:" in page.locator("#new-sources .note").first.inner_text()
    shots(page, "6-file-preview")
    page.click("input[value='Aangevinkte bronnen opslaan']")
    assert Source.objects.get(doi="10.5555/demo.bib-1").url == ""


def test_check_integrity_puts_the_notice_on_the_public_page(page, registries, shots, editor):
    page.goto(f"{page.base}/admin/evidence/source/via-id/")
    page.fill("textarea[name=identifiers]", "10.5555/gc.probiotica-rct")
    page.click("input[value='Voorvertoning tonen']")
    page.click("input[value='Aangevinkte bronnen opslaan']")
    source = Source.objects.get()
    article = make_article(title="Probiotica tegen puistjes?", body="Misschien [[claim:acne]].")
    make_citation(make_claim(article, key="acne"), source)
    make_ready(article)
    article.publish(by=editor)
    registries.works["10.5555/gc.probiotica-rct"]["message"]["updated-by"] = [RETRACTION_WATCH]
    call_command("check_integrity", stdout=io.StringIO())
    page.goto(f"{page.base}/admin/evidence/source/{source.pk}/change/")
    assert page.locator("#id_integrity_status").input_value() == "retracted"
    shots(page, "7-source-retracted")
    page.goto(f"{page.base}{article.get_absolute_url()}")
    notice = page.locator(".integrity-retracted")
    assert notice.is_visible() and "ingetrokken" in notice.inner_text()
    shots(page, "8-public-notice")
