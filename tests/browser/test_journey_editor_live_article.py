"""Journey 4: an editor works on live articles.

- An edit to a published article waits: readers keep the published version until the
  new one passes the gate (here: a fresh medical review of the new text) and is published.
- A scheduled article stays hidden until the scheduler runs at its time.
- Restoring an older version asks first and shows what it changes; readers see nothing
  of it until it is published.
"""

import io
import re
from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from blog.models import Article
from tests.browser import harness

LIVE = "vezels-voor-je-darmflora"
SCHEDULED = "rosacea-triggers-bijhouden"
ADDED = "Tip van de redactie: zet een bakje gekookte peulvruchten klaar voor de hele week."


def test_an_edit_to_a_live_article_waits_for_the_gate(page_as, open_page, demo):
    editor, reader = page_as("editor"), open_page()
    change_url = f"/admin/blog/article/{Article.objects.get(slug=LIVE).pk}/change/"
    reader.goto(f"/artikelen/{LIVE}/")
    expect(reader.locator(".article-body")).to_be_visible()

    editor.goto(change_url)
    body = editor.locator("#id_body")
    body.fill(body.input_value() + "\n\n" + ADDED)
    editor.locator("input[name=_continue]").click()
    expect(editor.locator("#readiness .readiness-pending")).to_contain_text("nog niet gepubliceerd")
    harness.screenshot(editor, "admin-pending-changes-desktop", full_page=False)
    editor.locator("input[name=_publish]").click()
    expect(editor.locator(".messagelist .error")).to_contain_text("Niet gepubliceerd")
    reader.reload()
    expect(reader.locator(".article-body")).not_to_contain_text(ADDED)

    editor.goto(change_url)
    editor.locator("#workflow-panel a[href$='/aanbieden/']").click()
    editor.locator("input[type=submit]").click()
    reviewer = page_as("second_reviewer")
    reviewer.goto(change_url.replace("/change/", "/beoordelen/"))
    reviewer.get_by_role("button", name="Goedkeuren").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("goedgekeurd")
    editor.goto(change_url)
    editor.locator("input[name=_publish]").click()
    expect(editor.locator(".messagelist")).to_contain_text("Gepubliceerd")
    reader.reload()
    expect(reader.locator(".article-body")).to_contain_text(ADDED)

    _restore_the_previous_version(editor, change_url)
    reader.reload()
    expect(reader.locator(".article-body")).to_contain_text(ADDED)


def _restore_the_previous_version(editor, change_url):
    editor.goto(change_url)
    editor.locator("#workflow-panel a[href$='/versies/']").click()
    editor.locator("#content table tbody tr").nth(1).get_by_role("link", name="Terugzetten").click()
    expect(editor).to_have_url(re.compile(r"/versies/\d+/terugzetten/$"))
    expect(editor.locator("#content .diff_sub, #content .diff_add").first).to_be_visible()
    expect(editor.locator("#content table.diff")).to_contain_text(ADDED[:30])  # what goes away
    harness.screenshot(editor, "admin-revert-confirmation-desktop")
    editor.get_by_role("button", name=re.compile("^Ja, zet versie")).click()
    expect(editor.locator(".messagelist")).to_contain_text("teruggezet")
    expect(editor.locator("#id_body")).not_to_have_value(re.compile(re.escape(ADDED)))
    expect(editor.locator("#readiness .readiness-pending")).to_be_visible()


def test_a_scheduled_article_goes_live_when_the_scheduler_runs(page_as, open_page, demo):
    editor, reader = page_as("editor"), open_page()
    article = Article.objects.get(slug=SCHEDULED)
    editor.goto(f"/admin/blog/article/{article.pk}/change/")
    editor.locator("#workflow-panel a[href$='/inplannen/']").click()
    at = timezone.localtime(timezone.now() + timedelta(minutes=10)).replace(second=0, microsecond=0)
    editor.locator("#id_publish_at").fill(at.strftime("%Y-%m-%dT%H:%M"))
    editor.locator("input[type=submit]").click()
    expect(editor.locator(".messagelist")).to_contain_text("Ingepland voor")
    expect(editor.locator("#workflow-panel")).to_contain_text("gepland voor")
    assert reader.goto(f"/artikelen/{SCHEDULED}/").status == 404

    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)  # not due yet
    assert reader.goto(f"/artikelen/{SCHEDULED}/").status == 404
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=out)
    assert f"gepubliceerd: {SCHEDULED}" in out.getvalue()  # the command speaks Dutch
    assert reader.goto(f"/artikelen/{SCHEDULED}/").status == 200
    expect(reader.locator("h1")).to_be_visible()
    reader.goto("/")
    expect(reader.locator(f"a[href='/artikelen/{SCHEDULED}/']").first).to_be_visible()
