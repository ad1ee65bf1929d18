"""axe-core finds no WCAG 2.1 A/AA violation on the reader's pages, in Dutch and in English.

Pages: home, article list, article, source, search, the comment form with its errors, and
the private page with the withdraw button (before and after withdrawing).
"""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser import harness

ARTICLE = "probiotica-en-acne"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_reader_pages_have_no_wcag_violations(page, demo, language):
    if language == "en":
        page.goto("/")
        page.locator(".language-switch button[value=en]").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    found = {}

    def check(name):
        expect(page.locator("main")).to_be_visible()
        found[name] = harness.axe_violations(page)
        harness.screenshot(page, f"{name}-{language}")

    for name, path in [
        ("home", "/"),
        ("list", "/artikelen/"),
        ("article", f"/artikelen/{ARTICLE}/"),
        ("search", "/zoeken/?q=acne"),
    ]:
        page.goto(path)
        check(name)
    page.goto(f"/artikelen/{ARTICLE}/")
    page.locator(".references a.source-page").first.click()
    check("source")

    _send_an_incomplete_experience(page)
    check("comment-form-errors")
    _send_a_question(page)
    check("withdraw-page")
    page.locator(".page-message form [type=submit]").click()
    expect(page.locator(".page-status")).to_be_visible()
    check("withdrawn-page")

    assert {name: lines for name, lines in found.items() if lines} == {}


def _send_an_incomplete_experience(page):
    page.goto(f"/artikelen/{ARTICLE}/#reactieformulier")
    page.locator("#id_kind_1").check()
    page.locator("#id_name").fill("Sam")
    page.locator("#id_body").fill("Mijn ervaring, zonder de rest in te vullen.")
    page.locator("#reactieformulier [type=submit]").click()  # too fast, and fields missing
    expect(page).to_have_url(re.compile("/reageren/$"))
    expect(page.locator(".errorlist").first).to_be_visible()


def _send_a_question(page):
    opened = time.monotonic()
    page.goto(f"/artikelen/{ARTICLE}/#reactieformulier")
    page.locator("#id_kind_0").check()
    page.locator("#id_name").fill("Sam")
    page.locator("#id_body").fill("Een vraag om de pagina van de privélink te zien.")
    harness.wait_until_sendable(opened)
    page.locator("#reactieformulier [type=submit]").click()
    expect(page).to_have_url(re.compile("/bijdrage/[^/]+/$"))
