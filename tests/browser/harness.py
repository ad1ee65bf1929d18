"""Building blocks for browser journeys: Chromium, the demo site, roles, timing, screenshots, axe.

The fixtures in tests/browser/conftest.py wrap these; a journey may also call them directly.
"""

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from comments import conf as comment_conf

PROJECT = Path(__file__).resolve().parents[2]
SCREENSHOTS = PROJECT / "screenshots"

CHROMIUM = os.environ.get("GUTCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing but the live server resolves: a page can never reach the internet, and a payload
    # that tries to load a remote script fails instead of waiting for a time-out.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
PHONE_CONTEXT = {"viewport": PHONE, "is_mobile": True, "has_touch": True}

# Every demo account gets this password in the test database (seed_demo generates random ones).
DEMO_PASSWORD = "browser-journey-password"
ROLES = {
    "admin": "admin",
    "editor": "redacteur",
    "reviewer": "reviewer",
    "second_reviewer": "reviewer2",
    "moderator": "moderator",
}

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def chromium_problem():
    """Why the browser tests cannot run here, or None."""
    if not os.access(CHROMIUM, os.X_OK):
        return (
            f"Chromium was not found at {CHROMIUM}: install it (apt-get install chromium) "
            "or point GUTCHECK_CHROMIUM at it."
        )
    return None


@dataclass
class Demo:
    """The seeded demo site: its accounts by role, all with DEMO_PASSWORD."""

    users: dict = field(default_factory=dict)

    def user(self, role):
        return self.users[role]


def load_demo():
    """Run seed_demo into the test database, as `make run` does, and set known passwords."""
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", force=True, stdout=quiet, stderr=quiet)
    users = {}
    for role, username in ROLES.items():
        user = get_user_model().objects.get(username=username)
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        users[role] = user
    return Demo(users=users)


def session_cookie(user, url):
    """A logged-in session for `user`, as a cookie for a browser context at `url`."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": url}


def log_in(page, base_url, username, password=DEMO_PASSWORD):
    """Log in through the admin's login form, as a person would."""
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")


# The comment form's timing ------------------------------------------------------------------


def wait_until_sendable(started_at):
    """Sleep until the form opened at `started_at` (time.monotonic()) passes the minimum time."""
    remaining = comment_conf.get("MIN_SECONDS") + 0.5 - (time.monotonic() - started_at)
    if remaining > 0:
        time.sleep(remaining)


def relax_antispam(settings_fixture):
    """No minimum time and no rate limit: for journeys that post many items quickly."""
    settings_fixture.GUTCHECK_COMMENTS = {
        **settings_fixture.GUTCHECK_COMMENTS,
        "MIN_SECONDS": 0,
        "RATE_LIMIT": 10_000,
    }


# Screenshots and accessibility ---------------------------------------------------------------


def screenshot(page, name, *, full_page=True):
    """Write screenshots/<name>.png (git-ignored) and return its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    return path


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the current page, one readable line each."""
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    lines = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return lines
