"""How wide do the public pages get? Page width against screen width, in headless Chromium.

Loads the demo into a throwaway database, serves it with Django's live test server and
opens, at a desktop (1280 px) and a phone (390 px) width, the home page, an article, the
source index and a search for a 10,000-character query. Prints each page's scroll width
beside the screen width; a ratio above 1.00 means the page scrolls sideways.

Usage: python bench/bench_page_widths.py   (or: make bench; needs /usr/bin/chromium)
"""

import os
from pathlib import Path

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's event loop in this thread

from demo_site import demo_database  # noqa: E402, I001 (first: it makes Django ready)

from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
from django.test.testcases import LiveServerThread  # noqa: E402
from django.urls import reverse  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from blog.models import Article  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
WIDTHS = [1280, 390]


def _pages():
    article = Article.objects.published().order_by("-published_at").first()
    return {
        "home": reverse("blog:home"),
        "article": article.get_absolute_url(),
        "source index": reverse("blog:sources"),
        "search, 10,000 characters": f"{reverse('blog:search')}?q={'a' * 10_000}",
    }


def _measure(base_url, pages):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900}, locale="nl-NL")
            for name, path in pages.items():
                page.goto(base_url + path)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                print(f"{name:28} {width:5} px screen  {scroll:6} px page  {scroll / width:5.2f}")
            page.close()
        browser.close()


def main():
    if not CHROMIUM.exists():
        print(f"skipped: needs Chromium at {CHROMIUM}")
        return
    with demo_database():
        server = LiveServerThread("127.0.0.1", StaticFilesHandler)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        try:
            _measure(f"http://127.0.0.1:{server.port}", _pages())
        finally:
            server.terminate()


if __name__ == "__main__":
    main()
