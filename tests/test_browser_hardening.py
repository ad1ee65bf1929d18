"""What only a browser shows: page width, and the admin's JavaScript-built widgets.

Headless Chromium (Debian's /usr/bin/chromium) through Playwright, against the live test
server. Screenshots go to the test's tmp_path.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import sync_playwright

from tests.factories import make_article, make_author, make_staff

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def chromium():
    # Playwright's sync API keeps an event loop in this thread; Django then refuses ORM
    # calls as if they came from async code. They do not: allow them for these tests.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _page(chromium, width, language="nl-NL"):
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale=language)
    return context.new_page()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_a_10000_character_search_keeps_the_page_within_the_screen(
    chromium, live_server, tmp_path, width
):
    page = _page(chromium, width)
    page.goto(f"{live_server.url}{reverse('blog:search')}?q={'a' * 10_000}")
    page.screenshot(path=tmp_path / f"search-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert "we hebben gezocht op de eerste 200" in page.inner_text("main")
    page.context.close()


@pytest.mark.django_db(transaction=True)
def test_the_dutch_admin_author_selector_speaks_dutch(chromium, live_server, tmp_path):
    editor = make_staff("redacteur", groups=["Editors"])
    article = make_article(authors=[make_author(name="Anna Jansen")])
    page = _page(chromium, 1280)
    page.goto(f"{live_server.url}{reverse('admin:login')}")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}{reverse('admin:blog_article_change', args=[article.pk])}")
    selector = page.locator(".selector").first
    selector.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "authors.png")
    text = selector.inner_text()
    assert "Alle auteurs kiezen" in text and "Choose all" not in text
    assert page.locator("#site-name").inner_text().strip() == "Gutcheck-redactie"
    page.context.close()
