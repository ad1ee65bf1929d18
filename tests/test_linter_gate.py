"""The gate sees what the linter sees: unmarked claims, forbidden wording and the rest block
publishing until an editor marks, dismisses or waives them, through every entry point."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from blog.models import Article
from blog.workflow import triage
from evidence import lexicon, linter
from evidence import triage as evidence_triage
from evidence.assessment import ArticleEvidence
from evidence.models import Claim, Dismissal, LintResult
from evidence.readiness import readiness
from tests.evidence_helpers import article_change_url, post_admin_form
from tests.factories import (
    make_approval,
    make_article,
    make_citation,
    make_claim,
    make_ready,
    make_source,
)

pytestmark = pytest.mark.django_db

GENERAL = "Vezels zijn goed voor je darmen."
CURE = "Kurkuma geneest psoriasis [[claim:kurkuma]]."
BODY = f"{GENERAL}\n\n{CURE}\n\nHavermout is een ontbijt."
ENTRY_POINTS = ["publish", "admin_button", "bulk_action", "scheduler"]


@pytest.fixture
def article(review_not_required):
    """Covered and disclaimed; open findings: one unmarked claim, one forbidden wording."""
    article = make_article(title="Kurkuma en vezels", body=BODY)
    make_citation(make_claim(article, key="kurkuma"), make_source(design="sr_rct"))
    return make_ready(article)


def lint_codes(article):
    return sorted((p.code, p.message.split("”")[0]) for p in readiness(article) if "lint" in p.code)


def finding(article, category):
    evidence_rows = [r for r in _rows(article) if r.finding.category == category]
    [row] = evidence_rows
    return row.finding


def dismiss_general(article, editor, reason=Dismissal.Reason.DEFINITION, note=""):
    """'Not a health claim' for the GENERAL sentence."""
    uncited = finding(article, linter.UNCITED)
    return triage.dismiss(
        article,
        category=linter.UNCITED,
        sentence_hash=uncited.sentence_hash,
        reason=reason,
        note=note,
        by=editor,
    )


def _rows(article):
    return ArticleEvidence.load(article).lint_rows


def attempt(entry, article, editor, client):
    """Try to publish through one entry point; returns what it said when it refused."""
    if entry == "publish":
        try:
            article.publish(by=editor)
        except ValidationError as refused:
            return " ".join(refused.messages)
        return ""
    if entry == "scheduler":
        due = timezone.now() - datetime.timedelta(minutes=1)
        Article.objects.filter(pk=article.pk).update(publish_at=due)
        err = io.StringIO()
        call_command("publish_scheduled", stdout=io.StringIO(), stderr=err)
        return err.getvalue()
    if entry == "admin_button":
        response = post_admin_form(client, article_change_url(article), _publish="1")
    else:
        response = client.post(
            reverse("admin:blog_article_changelist"),
            {"action": "publish_selected", "_selected_action": [article.pk]},
        )
    return " ".join(
        m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"
    )


def is_public(article):
    return Article.objects.published().filter(pk=article.pk).exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_every_entry_point_refuses_unmarked_claims_and_forbidden_wording(
    entry, article, editor, admin_client
):
    said = attempt(entry, article, editor, admin_client)
    assert GENERAL in said and "Kurkuma geneest psoriasis" in said
    assert not is_public(article)


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_once_triaged_every_entry_point_publishes(entry, article, editor, admin_client):
    forbidden = finding(article, linter.FORBIDDEN)
    dismiss_general(article, editor)
    triage.waive(
        article,
        category=forbidden.category,
        sentence_hash=forbidden.sentence_hash,
        note="Citaat van een webshop dat de tekst daarna weerlegt.",
        by=editor,
    )
    assert attempt(entry, article, editor, admin_client) == ""
    assert is_public(article)


def test_marking_a_sentence_removes_exactly_that_problem(article, editor):
    before = lint_codes(article)
    uncited = finding(article, linter.UNCITED)
    claim = triage.mark_as_claim(
        article, category=uncited.category, sentence_hash=uncited.sentence_hash, by=editor
    )
    article.refresh_from_db()
    assert lint_codes(article) == [code for code in before if GENERAL not in code[1]]
    assert f"goed voor je darmen [[claim:{claim.key}]]." in article.body
    assert claim.statement == GENERAL and claim.category == Claim.Category.DIETARY_ADVICE
    # The new claim still needs its source; the gate says so by name.
    assert any(
        p.code == "unsupported_claim" and p.claim_key == claim.key for p in readiness(article)
    )
    revision = article.revisions.order_by("-number").first()
    assert claim.key in {c["key"] for c in revision.data["claims"]}
    entry = AuditEntry.objects.get(action="lint_mark_claim")
    assert (entry.actor, entry.data["sentence"]) == (editor, GENERAL)


def test_dismissing_a_sentence_removes_exactly_that_problem_and_is_audited(article, editor):
    before = lint_codes(article)
    dismiss_general(article, editor, note="Algemeen bekend.")
    assert lint_codes(article) == [code for code in before if GENERAL not in code[1]]
    entry = AuditEntry.objects.get(action="lint_dismiss")
    assert (entry.actor, entry.article_id, entry.reason) == (editor, article.pk, "Algemeen bekend.")
    assert entry.data["sentence"] == GENERAL and entry.data["reason"] == "definition"


def test_editing_a_dismissed_sentence_brings_its_problem_back(article, editor):
    dismiss_general(article, editor)
    article.body = article.body.replace("goed voor", "heel goed voor")
    article.save()
    assert any("heel goed voor je darmen" in p.message for p in readiness(article))
    # Markup and spacing are no edit: the dismissal still holds for the same words.
    article.body = BODY.replace("goed voor", "**goed**   voor")
    article.save()
    assert not any("goed" in p.message and "Vezels" in p.message for p in readiness(article))


def test_a_waiver_needs_a_written_reason(article, editor):
    forbidden = finding(article, linter.FORBIDDEN)
    for note in ("", "   "):
        with pytest.raises(ValidationError, match="ontheffing heeft een reden nodig"):
            triage.waive(
                article,
                category=linter.FORBIDDEN,
                sentence_hash=forbidden.sentence_hash,
                note=note,
                by=editor,
            )
    assert not Dismissal.objects.exists()
    assert any(p.code == "lint_forbidden_wording" for p in readiness(article))


def test_forbidden_wording_cannot_be_dismissed_and_an_unmarked_claim_cannot_be_waived(
    article, editor
):
    forbidden, uncited = finding(article, linter.FORBIDDEN), finding(article, linter.UNCITED)
    with pytest.raises(ValidationError):
        triage.dismiss(
            article,
            category=linter.FORBIDDEN,
            sentence_hash=forbidden.sentence_hash,
            reason=Dismissal.Reason.DEFINITION,
            by=editor,
        )
    with pytest.raises(ValidationError):
        triage.waive(
            article,
            category=linter.UNCITED,
            sentence_hash=uncited.sentence_hash,
            note="x",
            by=editor,
        )
    with pytest.raises(ValidationError, match="Alleen een niet-gemarkeerde claim"):
        triage.mark_as_claim(
            article, category=linter.FORBIDDEN, sentence_hash=forbidden.sentence_hash, by=editor
        )
    assert not Dismissal.objects.exists() and article.claims.count() == 1


def test_marking_from_a_stale_page_is_refused_and_changes_nothing(article, editor):
    uncited = finding(article, linter.UNCITED)
    with pytest.raises(ValidationError, match="door iemand anders opgeslagen"):
        triage.mark_as_claim(
            article,
            category=linter.UNCITED,
            sentence_hash=uncited.sentence_hash,
            seen_body_hash="0" * 64,
            by=editor,
        )
    article.refresh_from_db()
    assert article.body == BODY and article.claims.count() == 1


def test_a_sentence_that_is_gone_cannot_be_dismissed(article, editor):
    uncited = finding(article, linter.UNCITED)
    article.body = BODY.replace(GENERAL, "Vezels zitten in volkoren brood.")
    article.save()
    with pytest.raises(ValidationError, match="staat niet meer zo in de tekst"):
        triage.dismiss(
            article,
            category=linter.UNCITED,
            sentence_hash=uncited.sentence_hash,
            reason=Dismissal.Reason.DEFINITION,
            by=editor,
        )


def test_revoking_a_dismissal_makes_the_finding_block_again(article, editor):
    dismissal = dismiss_general(article, editor, reason=Dismissal.Reason.QUESTION)
    triage.revoke(dismissal, by=editor)
    assert any(GENERAL in p.message for p in readiness(article))
    assert AuditEntry.objects.filter(action="lint_revoke", actor=editor).exists()


def test_an_overstated_marked_claim_blocks_until_reworded(review_not_required):
    article = make_article(body="Zink vermindert acne [[claim:zink]].")
    make_citation(make_claim(article, key="zink", statement="Zink en acne."))  # one RCT: moderate
    make_ready(article)
    [problem] = [p for p in readiness(article) if p.code == "lint_overstated"]
    assert problem.claim_key == "zink" and "vermindert waarschijnlijk" in problem.message
    article.body = "Zink vermindert acne waarschijnlijk [[claim:zink]]."
    article.save()
    assert [p.code for p in readiness(article)] == []


def test_the_gate_reads_stored_findings_and_relints_only_a_stale_body(article, monkeypatch):
    stored = LintResult.objects.get(article=article)
    assert stored.lexicon_version == lexicon.version("nl")

    def refuse(*args):
        raise AssertionError("linted although the stored result is current")

    monkeypatch.setattr(linter, "analyse", refuse)
    assert lint_codes(article)
    monkeypatch.undo()
    # A body written behind save()'s back is linted again, in memory, so nothing slips through.
    Article.objects.filter(pk=article.pk).update(body="Zink voorkomt acne.")
    article.refresh_from_db()
    assert any("Zink voorkomt acne" in p.message for p in readiness(article))


def test_findings_stored_under_an_older_lexicon_are_not_trusted(article):
    # Stored before a lexicon change that taught the linter a new claim shape: the stored
    # result saw nothing, and the gate must not take its word for it.
    LintResult.objects.filter(article=article).update(lexicon_version="1-old", sentences=[])
    article.refresh_from_db()
    assert any(GENERAL in p.message for p in readiness(article))
    article.save()  # the next save stores a result under the current lexicon
    assert LintResult.objects.get(article=article).lexicon_version == lexicon.version("nl")


def test_the_gates_query_count_does_not_grow_with_the_number_of_findings(review_not_required):
    few = make_article(body="Kefir ondersteunt je darmen.")
    many = make_article(
        body="\n\n".join(f"Kefir nummer {i} ondersteunt je darmen." for i in range(40))
    )
    counts = []
    for article in (few, many):
        article = Article.objects.get(pk=article.pk)
        with CaptureQueriesContext(connection) as queries:
            readiness(article)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_dismissal_made_after_the_medical_approval_asks_for_a_new_review(settings, editor):
    settings.GUTCHECK = {**settings.GUTCHECK, "MEDICAL_REVIEW_REQUIRED": True}
    article = make_article(body=GENERAL)
    make_ready(article)
    assert [p.code for p in readiness(article)] == ["lint_uncited_claim"]
    dismiss_general(article, editor)
    # The reviewer approved without seeing this judgement; the gate asks for a new review.
    assert [p.code for p in readiness(article)] == ["medical_review"]
    make_approval(article)
    assert readiness(article) == []
    revision = article.revisions.order_by("-number").first()
    assert revision.data["lint_decisions"][0]["sentence"] == GENERAL


@pytest.mark.parametrize(
    ("sentence", "marked"),
    [
        ("Kefir helpt je darmen.", "Kefir helpt je darmen [[claim:k]]."),
        ("Kefir helpt **echt**!", "Kefir helpt **echt [[claim:k]]**!"),
        ("Lees [dit](https://x.example/a).", "Lees [dit](https://x.example/a) [[claim:k]]."),
    ],
)
def test_the_marker_goes_before_the_closing_punctuation_and_never_into_a_link(sentence, marked):
    assert evidence_triage.insert_marker(sentence, len(sentence), "k") == marked
