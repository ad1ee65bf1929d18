"""Journey 1: a reader reads — home, topic, article, a claim's references, a source, search, feed.

The same walk at desktop width and at a 390 px phone width.
"""

import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from tests.browser import harness

ARTICLE = "probiotica-en-acne"
TOPIC = "acne"


@pytest.fixture(params=["desktop", "phone"])
def reader(request):
    fixture = "page" if request.param == "desktop" else "phone_page"
    return request.param, request.getfixturevalue(fixture)


def test_a_reader_follows_the_evidence_from_home_to_the_feed(reader, demo, live_server):
    width, page = reader
    page.goto("/")
    expect(page.locator("h1")).to_be_visible()
    _fits_the_screen(page)
    harness.screenshot(page, f"home-{width}")

    page.locator(f".topic-grid a[href='/onderwerp/{TOPIC}/']").first.click()
    expect(page).to_have_url(re.compile(f"/onderwerp/{TOPIC}/$"))
    page.locator(f"a[href='/artikelen/{ARTICLE}/']").first.click()
    expect(page).to_have_url(re.compile(f"/artikelen/{ARTICLE}/$"))
    expect(page.locator(".medical-review").first).to_be_visible()
    _fits_the_screen(page)
    harness.screenshot(page, f"article-{width}")

    badge = page.locator(".article-body a.claim-badge").first
    target = badge.get_attribute("href")
    badge.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    reference = page.locator(target)
    expect(reference).to_be_in_viewport()
    expect(reference.locator(".citation").first).to_be_visible()
    harness.screenshot(page, f"references-{width}", full_page=False)

    reference.locator("a.source-page").first.click()
    expect(page).to_have_url(re.compile(r"/bronnen/\d+/$"))
    expect(page.locator(f"a[href='/artikelen/{ARTICLE}/']").first).to_be_visible()
    _fits_the_screen(page)
    harness.screenshot(page, f"source-{width}")

    page.goto("/zoeken/")
    page.get_by_role("searchbox").fill("acne")
    page.get_by_role("searchbox").press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=acne$"))
    expect(page.locator(f"a[href='/artikelen/{ARTICLE}/']").first).to_be_visible()
    _fits_the_screen(page)

    feed_link = page.locator(".site-footer a[href='/feed/rss/']")
    expect(feed_link).to_be_visible()
    response = page.request.get(feed_link.get_attribute("href"))
    assert response.ok and "xml" in response.headers["content-type"]
    items = ET.fromstring(response.body()).findall("./channel/item")
    url = f"{live_server.url}/artikelen/{ARTICLE}/"
    assert url in [item.findtext("link") for item in items]
    assert url in [item.findtext("guid") for item in items]


def _fits_the_screen(page):
    """Nothing makes the page wider than the screen (no sideways scrolling to read it)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"
