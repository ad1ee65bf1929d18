"""The linter panel on the article's admin page, its triage buttons, and the reviewer's view."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from evidence import linter, linting
from evidence.assessment import ArticleEvidence
from evidence.models import Claim, Dismissal, LintResult
from tests.evidence_helpers import article_change_url
from tests.factories import make_approval, make_article, make_reviewer, make_staff

pytestmark = pytest.mark.django_db

CLAIM = "Kefir ondersteunt je darmen na een antibioticakuur."
BODY = f"Over kefir.\n\n{CLAIM}\n\nKurkuma geneest psoriasis."


@pytest.fixture
def article():
    return make_article(title="Kefir", body=BODY)


def _finding(article, category, words="Kefir"):
    rows = ArticleEvidence.load(article).lint_rows
    [row] = [r for r in rows if r.finding.category == category and words in r.finding.sentence]
    return row.finding


def _post(client, article, step, finding, **extra):
    data = {
        "category": finding.category,
        "sentence_hash": finding.sentence_hash,
        "seen_body_hash": linting.body_hash(article.body),
        **extra,
    }
    return client.post(reverse(f"admin:blog_article_lint_{step}", args=[article.pk]), data)


def _messages(response):
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def _state():
    return (LintResult.objects.count(), Dismissal.objects.count(), AuditEntry.objects.count())


def test_the_panel_shows_each_finding_highlighted_with_its_suggestion_and_buttons(
    admin_client, article
):
    page = admin_client.get(article_change_url(article)).content.decode()
    panel = page[page.index('id="linter"') :]
    assert "<mark>Kefir <strong>ondersteunt</strong> je darmen" in panel
    assert "Niet-gemarkeerde gezondheidsclaim" in panel or "Unmarked health claim" in panel
    assert "1924/2006" in panel
    assert "Markeer als claim" in panel and "Geen gezondheidsclaim" in panel
    # The triage forms live outside the article's form: forms cannot nest.
    assert page.index('id="lint-0-form"') > page.index("</form>")


def test_a_get_lints_nothing_writes_nothing_and_costs_a_fixed_number_of_queries(
    admin_client, monkeypatch
):
    plain = make_article(body="Over kefir.")
    busy = make_article(body="\n\n".join(f"Kefir {i} ondersteunt je darmen." for i in range(30)))
    before = _state()
    monkeypatch.setattr(linter, "analyse", lambda *a: pytest.fail("linted on GET"))
    counts = []
    for article in (plain, busy):
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(article_change_url(article)).status_code == 200
        counts.append(len(queries))
    assert counts[1] <= counts[0] + 2
    assert _state() == before


def test_mark_as_claim_inserts_the_marker_creates_the_claim_and_opens_it(admin_client, article):
    response = _post(admin_client, article, "mark", _finding(article, linter.UNCITED))
    claim = Claim.objects.get(article=article)
    assert response.status_code == 302 and response["Location"] == claim.get_admin_url()
    article.refresh_from_db()
    assert f"antibioticakuur [[claim:{claim.key}]]." in article.body
    assert claim.statement == CLAIM
    assert ("success", _messages(response)[0][1]) == _messages(response)[0]
    assert article.revisions.count() >= 1


def test_mark_as_claim_from_a_stale_page_is_refused_with_a_message(admin_client, article):
    finding = _finding(article, linter.UNCITED)
    response = _post(admin_client, article, "mark", finding, seen_body_hash="f" * 64)
    assert response.status_code == 302 and response["Location"].endswith("#linter")
    assert _messages(response)[0][0] == "error"
    article.refresh_from_db()
    assert article.body == BODY and not Claim.objects.exists()


def test_not_a_health_claim_needs_a_reason_then_dismisses(admin_client, article):
    finding = _finding(article, linter.UNCITED)
    refused = _post(admin_client, article, "dismiss", finding)
    assert _messages(refused)[0][0] == "error" and not Dismissal.objects.exists()
    done = _post(
        admin_client, article, "dismiss", finding, reason="experience", note="Eigen ervaring."
    )
    assert _messages(done)[-1][0] == "success"
    dismissal = Dismissal.objects.get()
    assert (dismissal.reason, dismissal.note, dismissal.sentence) == (
        "experience",
        "Eigen ervaring.",
        CLAIM,
    )
    page = admin_client.get(article_change_url(article)).content.decode()
    assert "is-decided" in page and "Eigen ervaring." in page


def test_a_waiver_without_a_reason_is_refused_in_the_admin(admin_client, article):
    finding = _finding(article, linter.FORBIDDEN, "Kurkuma")
    refused = _post(admin_client, article, "waive", finding, note="  ")
    assert _messages(refused)[0][0] == "error" and not Dismissal.objects.exists()
    _post(admin_client, article, "waive", finding, note="Weerlegd citaat uit een advertentie.")
    assert Dismissal.objects.get().is_waiver


def test_undo_brings_the_finding_back(admin_client, article):
    finding = _finding(article, linter.UNCITED)
    _post(admin_client, article, "dismiss", finding, reason="question")
    dismissal = Dismissal.objects.get()
    url = reverse("admin:blog_article_lint_revoke", args=[article.pk])
    admin_client.post(url, {"dismissal": dismissal.pk})
    assert not Dismissal.objects.exists()


def test_a_get_on_a_triage_url_changes_nothing(admin_client, article):
    before = _state()
    for step in ("mark", "dismiss", "waive", "revoke"):
        response = admin_client.get(reverse(f"admin:blog_article_lint_{step}", args=[article.pk]))
        assert response.status_code == 302
    assert _state() == before and not Claim.objects.exists()


def test_a_medical_reviewer_cannot_triage(client, article):
    client.force_login(make_reviewer())
    response = _post(
        client, article, "dismiss", _finding(article, linter.UNCITED), reason="question"
    )
    assert response.status_code == 403 and not Dismissal.objects.exists()


def test_triage_without_a_csrf_token_is_refused(article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff(perms=["blog.change_article", "blog.view_article"]))
    response = _post(
        client, article, "dismiss", _finding(article, linter.UNCITED), reason="question"
    )
    assert response.status_code == 403 and not Dismissal.objects.exists()


def test_the_reviewer_sees_every_dismissal_and_waiver_on_the_review_screen(
    client, admin_client, article
):
    _post(admin_client, article, "dismiss", _finding(article, linter.UNCITED), reason="experience")
    _post(
        admin_client,
        article,
        "waive",
        _finding(article, linter.FORBIDDEN, "Kurkuma"),
        note="Weerlegd.",
    )
    make_approval(article)
    client.force_login(make_reviewer())
    page = client.get(reverse("admin:blog_article_review", args=[article.pk])).content.decode()
    section = page[page.index('id="linter-decisions"') :]
    assert CLAIM in section and "Kurkuma geneest psoriasis." in section
    assert "Weerlegd." in section and "admin" in section
