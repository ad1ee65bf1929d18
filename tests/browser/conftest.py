"""Journeys in a real browser: Playwright for Python drives Debian's Chromium against
pytest-django's live server, with real cookies, CSRF tokens and Origin headers.

Every test in this folder is marked `browser` (`pytest -m "not browser"` leaves them out;
`make test` does that by itself, with one line saying so, when Chromium is missing).

Fixtures for journeys (later issues add theirs here too):

- `live_server` (pytest-django) serves the site; `settings.SITE_URL` points at it in every browser
  test, so absolute links (preview links, e-mails, feeds) lead back to it.
- `demo`: the Dutch demo site from `manage.py seed_demo` in the test database. Each demo account's
  password is `harness.DEMO_PASSWORD`; `demo.user("editor")` gives the account for a role
  (admin, editor, reviewer, second_reviewer, moderator). Select content by slug, role, label and
  id, never by demo prose (the prose is rewritten from time to time).
- `page` (pytest-playwright): an anonymous reader at desktop width (1366 × 900, Dutch).
  `phone_page`: the same at phone width (390 × 844, touch).
- `open_page(**context_options)`: a page in a fresh browser context (own cookies), e.g. a second
  reader or a different viewport.
- `page_as(role, **context_options)`: a new page in its own browser context, already logged in
  as that demo role (a session cookie, no login form). `harness.log_in(page, url, username)`
  goes through the login form instead.
- `mailbox`: the mail Django sent during the test (locmem backend), e.g. reviewer e-mails.
- `relaxed_antispam`: the comment form's minimum time and rate limit off, for journeys that post
  many items; journeys about the reader's form keep them real and use
  `harness.wait_until_sendable(opened_at)` after `opened_at = time.monotonic()`.
- `harness.screenshot(page, name)` writes `screenshots/<name>.png` (git-ignored);
  `harness.axe_violations(page)` lists axe-core's WCAG 2.1 A/AA violations on the page.

Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls there
unless DJANGO_ALLOW_ASYNC_UNSAFE is set, which this file does while the browser runs.
"""

from pathlib import Path

import pytest
from django.core import mail

from tests.browser import harness

HERE = Path(__file__).resolve().parent


def _in_this_folder(item):
    return Path(str(item.path)).resolve().is_relative_to(HERE)


def pytest_itemcollected(item):
    if _in_this_folder(item):
        item.add_marker(pytest.mark.browser)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Browser journeys run last (after pytest-django's own ordering): once Playwright's event
    loop runs in this thread, the rest of the session would need DJANGO_ALLOW_ASYNC_UNSAFE."""
    items[:] = [i for i in items if not _in_this_folder(i)] + [
        i for i in items if _in_this_folder(i)
    ]


@pytest.fixture(scope="session")
def _orm_beside_playwright():
    """Set from the first browser test on (they run last), so no other test's subprocess
    inherits it (`check --deploy` rightly refuses it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, _orm_beside_playwright):
    problem = harness.chromium_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    return {
        **browser_type_launch_args,
        "executable_path": harness.CHROMIUM,
        "args": harness.CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "viewport": harness.DESKTOP,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
    }


@pytest.fixture(autouse=True)
def _site_url_is_the_live_server(settings, live_server):
    settings.SITE_URL = live_server.url


@pytest.fixture
def demo(live_server):
    return harness.load_demo()


@pytest.fixture
def open_page(browser, browser_context_args):
    """open_page(**context_options): a page in a new browser context, closed after the test."""
    contexts = []

    def open_(**context_options):
        contexts.append(browser.new_context(**{**browser_context_args, **context_options}))
        return contexts[-1].new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def phone_page(open_page):
    return open_page(**harness.PHONE_CONTEXT)


@pytest.fixture
def page_as(open_page, demo, live_server):
    def open_as(role, **context_options):
        page = open_page(**context_options)
        page.context.add_cookies([harness.session_cookie(demo.user(role), live_server.url)])
        return page

    return open_as


@pytest.fixture
def mailbox():
    return mail.outbox  # pytest-django's locmem backend, emptied before each test


@pytest.fixture
def relaxed_antispam(settings):
    harness.relax_antispam(settings)
