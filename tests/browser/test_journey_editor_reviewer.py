"""Journey 3: an editor writes an article with claims, sources and disclaimers; a medical
reviewer approves it; the editor publishes; readers see badges, references, disclaimers
and the review byline.
"""

import re
import time

from playwright.sync_api import expect

from tests.browser import harness

SLUG = "kefir-en-eczeem-bij-volwassenen"
CLAIMS = {
    "kefir-eczeem": "Dagelijks kefir drinken vermindert eczeem bij volwassenen mogelijk iets.",
    "kefir-veilig": "Kefir is voor de meeste volwassenen een veilig voedingsmiddel.",
}
BODY = (
    "Kefir is gefermenteerde melk met veel soorten bacteriën.\n\n"
    "In een kleine studie had dagelijks kefir drinken mogelijk een klein effect op eczeem "
    "[[claim:kefir-eczeem]].\n\n"
    "Voor de meeste mensen is kefir een gewoon, veilig voedingsmiddel [[claim:kefir-veilig]]."
)
SOURCE = "Kefir en eczeem bij volwassenen: een cohortstudie (demo)"


def test_an_article_goes_from_draft_through_review_to_readers(
    page, page_as, demo, mailbox, live_server
):
    harness.log_in(page, live_server.url, demo.user("editor").username)
    change_url = _write_article_with_two_claims(page)
    problems = page.locator("#readiness .readiness-problems li")
    expect(problems.filter(has_text="kefir-eczeem").first).to_be_visible()
    expect(problems.filter(has_text="kefir-veilig").first).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the article's admin page is {overflow}px wider than the screen"
    harness.screenshot(page, "admin-readiness-problems-desktop")

    _add_source_by_hand(page)
    for key in CLAIMS:
        _cite(page, change_url, key)
    _attach_required_disclaimers(page)
    harness.screenshot(page, "admin-readiness-disclaimers-desktop")
    mailbox.clear()  # seeding the demo sent review mail too
    _submit_for_review(page)
    review_mail = [m for m in mailbox if demo.user("reviewer").email in m.to]
    assert review_mail and f"{live_server.url}{change_url}" in review_mail[0].body

    reviewer = page_as("reviewer")
    reviewer.goto(change_url)
    reviewer.locator("#workflow-panel a[href$='/beoordelen/']").click()
    reviewer.get_by_role("button", name="Goedkeuren").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("goedgekeurd")

    page.goto(change_url)
    expect(page.locator("#readiness")).to_contain_text("Geen problemen")
    page.locator("input[name=_publish]").click()
    expect(page.locator(".messagelist")).to_contain_text("Gepubliceerd")
    _readers_see_the_evidence(page.context.browser, live_server.url)


def _write_article_with_two_claims(page):
    page.goto("/admin/blog/article/add/")
    page.locator("#id_title").press_sequentially("Kefir en eczeem bij volwassenen")
    expect(page.locator("#id_slug")).to_have_value(SLUG)  # filled in while typing the title
    page.locator("#id_lead").fill("Helpt een glas kefir per dag tegen eczeem? Wat we weten.")
    page.locator("#id_body").fill(BODY)
    page.locator("#id_authors_from").select_option(label="Dr. Maarten de Wit")
    page.locator("#id_authors_add").click()
    page.locator("#id_topic").select_option(label="Eczeem")
    page.locator("#id_tags").fill("kefir, eczeem")
    page.locator("#claims-group .add-row a").click()
    for row, (key, statement) in enumerate(CLAIMS.items()):
        page.locator(f"#id_claims-{row}-key").fill(key)
        page.locator(f"#id_claims-{row}-statement").fill(statement)
    page.locator("#id_claims-0-category").select_option("efficacy")
    page.locator("#id_claims-1-category").select_option("safety")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/blog/article/\d+/change/$"))
    return page.url.removeprefix(page.url.split("/admin/")[0])


def _add_source_by_hand(page):
    page.goto("/admin/evidence/source/add/")
    page.locator("#id_title").fill(SOURCE)
    page.locator("#id_authors").fill("Bakker L, Yilmaz S")
    page.locator("#id_journal").fill("Demo Tijdschrift voor Huid en Darm")
    page.locator("#id_year").fill("2023")
    page.locator("#id_doi").fill(f"10.5555/demo.kefir.{time.time_ns()}")
    page.locator("#id_design").select_option("cohort")  # low certainty: one more disclaimer
    page.locator("#id_population").select_option("humans")
    page.locator("#id_sample_size").fill("1200")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def _cite(page, change_url, key):
    page.goto(change_url)
    page.locator(f"#claims-group tr:has(input[value='{key}']) td.field-citations_link a").click()
    page.locator("#citations-group .select2-selection").first.click()
    page.locator(".select2-search__field").fill("Kefir bij volwassenen")
    page.locator(".select2-results__option", has_text=SOURCE).click()
    page.locator("input[name=_save]").click()
    expect(page).to_have_url(re.compile(re.escape(change_url)))
    expect(page.locator(".messagelist .success")).to_be_visible()


def _attach_required_disclaimers(page):
    page.get_by_role("button", name="Voeg alle verplichte disclaimers toe").click()
    expect(page.locator(".messagelist .success").first).to_contain_text("verplichte disclaimer")
    rows = page.locator("#readiness table.readiness-disclaimers tbody tr")
    expect(rows).to_have_count(2)  # always required, and for low-certainty evidence
    expect(rows.filter(has_text="Voorlopig bewijs")).to_contain_text("laag")
    for row in rows.all():
        cells = row.locator("td")
        expect(cells.nth(1)).not_to_be_empty()  # why it is required
        expect(cells.nth(2)).to_have_text("ja")


def _submit_for_review(page):
    page.locator("#workflow-panel a[href$='/aanbieden/']").click()
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("beoordeling")


def _readers_see_the_evidence(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport=harness.DESKTOP)
    reader = context.new_page()
    reader.goto(f"/artikelen/{SLUG}/")
    body = reader.locator(".article-body")
    for key in CLAIMS:
        badge = body.locator(f"a.claim-badge[href='#ref-{key}']")
        expect(badge).to_be_visible()
        expect(reader.locator(f"#ref-{key} .citation")).to_contain_text(SOURCE)
    expect(reader.locator("#disclaimers .disclaimer").first).to_be_visible()
    expect(reader.locator(".medical-review")).to_contain_text("Sanne Veldhuis")
    harness.screenshot(reader, "article-new-published-desktop")
    context.close()
