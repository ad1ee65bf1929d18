"""Journey 2: a reader writes, a moderator decides, the reader withdraws.

The anti-spam checks stay real here (minimum time, rate limit): the two blockers this
journey guards against only show with a real browser's Origin header and history.
- Re-sending a refused form was refused by CSRF ('Origin: null' under
  Referrer-Policy: no-referrer), and the typed text was lost.
- The private withdraw button gave the same 403.
"""

import re
import time

from playwright.sync_api import expect

from tests.browser import harness

ARTICLE = "probiotica-en-acne"
TOO_FAST = "Je verstuurde het formulier erg snel"
CONSENT_MISSING = "Geef toestemming"
THANKS = "wordt gelezen door een moderator"


def open_form(page):
    page.goto(f"/artikelen/{ARTICLE}/#reactieformulier")
    expect(page.locator("#reactieformulier")).to_be_visible()
    return time.monotonic()


def test_a_reader_resends_a_refused_question_and_goes_back(page, demo):
    open_form(page)
    page.locator("#id_kind_0").check()
    page.locator("#id_name").fill("Noor")
    question = f"Mag ik dit combineren met mijn crème? ({time.time_ns()})"
    page.locator("#id_body").fill(question)
    page.locator("#reactieformulier [type=submit]").click()  # within the minimum time

    expect(page.locator("#reactieformulier")).to_contain_text(TOO_FAST)
    expect(page.locator("#id_body")).to_have_value(question)
    harness.screenshot(page, "comment-form-too-fast-desktop")
    time.sleep(harness.comment_conf.get("MIN_SECONDS") + 0.5)
    page.locator("#reactieformulier [type=submit]").click()

    expect(page.locator(".page-status")).to_contain_text(THANKS)
    expect(page.locator(".comment-body")).to_contain_text(question)
    response = page.go_back()  # used to be ERR_CACHE_MISS: the refused page was a POST result
    assert response is not None and response.ok
    expect(page).to_have_url(re.compile(f"/artikelen/{ARTICLE}/#reactieformulier$"))


def test_the_private_link_withdraws_a_question_at_once(page, demo):
    """The site promises readers they can always withdraw; the button used to give a 403."""
    opened = open_form(page)
    page.locator("#id_kind_0").check()
    page.locator("#id_name").fill("Jesse")
    page.locator("#id_body").fill("Toch liever niet gepubliceerd.")
    harness.wait_until_sendable(opened)
    page.locator("#reactieformulier [type=submit]").click()
    expect(page.locator(".page-status")).to_contain_text(THANKS)

    page.get_by_role("button", name="Trek mijn bijdrage in").click()
    expect(page.locator(".page-status")).to_contain_text("ingetrokken")
    expect(page.get_by_role("button", name="Trek mijn bijdrage in")).to_have_count(0)


def test_an_experience_is_moderated_shown_and_withdrawn(
    page, page_as, open_page, demo, mailbox, live_server
):
    story = f"Na een maand 500 mg per dag werd mijn huid rustiger. ({time.time_ns()})"
    mailbox.clear()
    manage_url = _share_experience_after_forgetting_consent(page, story)
    alert = [m for m in mailbox if demo.user("moderator").email in m.to]
    assert alert and f"{live_server.url}/admin/comments/comment/" in alert[0].body  # SITE_URL
    stranger = open_page()
    stranger.goto(f"/artikelen/{ARTICLE}/")
    expect(stranger.locator("main")).not_to_contain_text(story)  # waits for a moderator

    _moderator_approves(page_as("moderator"), story)

    page.reload()
    expect(page.locator(".page-status")).to_contain_text("staat op de site")
    page.goto(f"/artikelen/{ARTICLE}/")
    experiences = page.locator("#ervaringen")
    expect(experiences.locator(".disclaimer")).to_be_visible()
    item = experiences.locator("li.experience", has_text=story)
    expect(item).to_be_visible()
    expect(item.locator(".experience-facts")).to_contain_text("kefir")
    expect(experiences.locator(".disclaimer")).to_have_count(1)
    harness.screenshot(page, "article-experiences-desktop")

    page.goto(manage_url)
    page.get_by_role("button", name="Trek mijn bijdrage in").click()
    expect(page.locator(".page-status")).to_contain_text("ingetrokken")
    harness.screenshot(page, "comment-withdrawn-desktop")
    stranger.goto(f"/artikelen/{ARTICLE}/")
    expect(stranger.locator("main")).not_to_contain_text(story)


def _share_experience_after_forgetting_consent(page, story):
    opened = open_form(page)
    page.locator("#id_kind_1").check()
    page.locator("#id_name").fill("Fenna")
    page.locator("#id_condition").fill("acne")
    page.locator("#id_tried").fill("kefir bij het ontbijt")
    page.locator("#id_tried_type").select_option("food")
    page.locator("#id_duration").fill("4 weken")
    page.locator("#id_outcome_0").check()
    page.locator("#id_body").fill(story)
    harness.wait_until_sendable(opened)
    page.locator("#reactieformulier [type=submit]").click()

    expect(page.locator("#reactieformulier")).to_contain_text(CONSENT_MISSING)
    expect(page.locator("#id_body")).to_have_value(story)
    expect(page.locator("#id_tried")).to_have_value("kefir bij het ontbijt")
    harness.screenshot(page, "comment-form-consent-missing-desktop")
    page.locator("#id_consent").check()
    page.locator("#reactieformulier [type=submit]").click()

    status = page.locator(".page-status")
    expect(status).to_contain_text(THANKS)
    facts = page.locator(".experience-facts")
    for shown in ["acne", "kefir bij het ontbijt", "4 weken"]:
        expect(facts).to_contain_text(shown)
    harness.screenshot(page, "comment-thank-you-desktop")
    return page.url


def _moderator_approves(moderator, story):
    moderator.goto("/admin/comments/comment/")
    row = moderator.locator("#result_list tbody tr", has_text=story[:40])
    expect(row).to_have_count(1)
    reasons = row.locator("td.field-reasons")
    expect(reasons).to_contain_text("500 mg")
    harness.screenshot(moderator, "moderation-queue-desktop", full_page=False)
    for cell in (reasons, row.locator("td.field-status"), row.locator("td.field-score")):
        _visible_without_scrolling_sideways(moderator, cell)
    harness.screenshot(moderator, "moderation-queue-desktop", full_page=False)
    row.locator("input[name=_selected_action]").check()
    moderator.locator("select[name=action]").select_option("approve_selected")
    moderator.locator("button[name=index]").click()
    expect(moderator.locator(".messagelist")).to_contain_text("goedgekeurd")


def _visible_without_scrolling_sideways(page, cell):
    """Inside the screen and inside the result list's own scroll box (Django's admin lets a
    wide table scroll there, under the filters, rather than widening the page)."""
    expect(cell).to_be_visible()
    box = cell.bounding_box()
    shown = page.locator("#changelist .results").bounding_box()
    right = min(page.viewport_size["width"], shown["x"] + shown["width"])
    assert box["x"] >= shown["x"] and box["x"] + box["width"] <= right, (
        f"{cell} spans {box['x']:.0f}–{box['x'] + box['width']:.0f}px; "
        f"the list shows {shown['x']:.0f}–{right:.0f}px"
    )
