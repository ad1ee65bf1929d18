"""Medical review: bound to one revision, never by the article's own people, and announced."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from blog.models import Article, Review
from blog.workflow import review, revisions
from evidence.readiness import readiness
from tests.factories import (
    make_approval,
    make_article,
    make_author,
    make_citation,
    make_claim,
    make_published_article,
    make_ready,
    make_reviewer,
    make_source,
    make_staff,
)

pytestmark = pytest.mark.django_db


def covered_article(**kwargs):
    kwargs.setdefault("body", "Zink helpt mogelijk bij acne [[claim:zink]].")
    article = make_article(**kwargs)
    revisions.record_revision(article)  # the editor's first save, before the claim existed
    claim = make_claim(article, key="zink", statement="Zink vermindert acne mogelijk.")
    make_citation(claim)
    return article, claim


def review_codes(article):
    return [p.code for p in readiness(article) if p.code == "medical_review"]


def test_readiness_reports_a_missing_review():
    article, _claim = covered_article()
    [problem] = [p for p in readiness(article) if p.code == "medical_review"]
    assert "medische beoordeling ontbreekt" in problem.message
    assert problem.admin_url.endswith("#workflow-panel")


def test_review_is_not_asked_when_the_site_does_not_require_it(settings):
    settings.GUTCHECK = {**settings.GUTCHECK, "MEDICAL_REVIEW_REQUIRED": False}
    article, _claim = covered_article()
    assert review_codes(article) == []


def test_approval_satisfies_the_gate_until_the_body_changes(editor):
    article = make_ready(covered_article()[0])
    assert review_codes(article) == []
    article.body += " Nog een zin."
    article.save()
    [problem] = [p for p in readiness(article) if p.code == "medical_review"]
    assert "verouderd" in problem.message
    with pytest.raises(ValidationError) as refused:
        article.publish(by=editor)
    assert any("verouderd" in message for message in refused.value.messages)
    assert not Article.objects.published().filter(pk=article.pk).exists()


@pytest.mark.parametrize("change", ["statement", "new_claim", "citation_role", "new_citation"])
def test_any_change_to_claims_or_citations_makes_the_approval_stale(change):
    article, claim = covered_article()
    make_ready(article)
    if change == "statement":
        claim.statement = "Zink geneest acne."
        claim.save()
    elif change == "new_claim":
        make_claim(article, key="extra")
    elif change == "citation_role":
        claim.citations.update(role="contradicts")
    else:
        make_citation(claim, make_source(title="Nieuwe studie"))
    assert review_codes(article) == ["medical_review"]


def test_title_edit_needs_a_new_review():
    # Readers see the title; test_review_fingerprint.py covers every other part.
    article = make_ready(covered_article()[0])
    article.title = "Betere kop"
    article.save()
    assert review_codes(article) == ["medical_review"]


def test_reviewer_cannot_approve_an_article_they_wrote():
    reviewer = make_reviewer("dokter")
    article, _claim = covered_article(authors=[make_author(user=reviewer)])
    with pytest.raises(ValidationError) as refused:
        review.approve(article, by=reviewer, revision=revisions.current_revision(article))
    assert "eigen artikel" in refused.value.messages[0]
    assert not Review.objects.filter(decision=Review.Decision.APPROVED).exists()


def test_reviewer_cannot_approve_what_they_submitted_themselves():
    reviewer = make_reviewer("dokter")
    article, _claim = covered_article()
    review.submit(article, by=reviewer)
    with pytest.raises(ValidationError) as refused:
        review.approve(article, by=reviewer, revision=revisions.current_revision(article))
    assert "eigen artikel" in refused.value.messages[0]


def test_approving_a_stale_revision_names_both_versions():
    article, claim = covered_article()
    seen = revisions.current_revision(article)
    claim.statement = "Zink vermindert acne."
    claim.save()
    article.save()
    with pytest.raises(ValidationError) as refused:
        review.approve(article, by=make_reviewer(), revision=seen)
    message = refused.value.messages[0]
    assert f"versie {seen.number}" in message and "gewijzigd" in message


def test_user_without_review_permission_cannot_approve(editor):
    article, _claim = covered_article()
    with pytest.raises(ValidationError) as refused:
        review.approve(article, by=editor, revision=revisions.current_revision(article))
    assert "medisch beoordelaars" in refused.value.messages[0]


def test_submit_moves_draft_to_review_and_emails_reviewers(
    editor, django_capture_on_commit_callbacks
):
    make_reviewer("dokter", email="dokter@example.test")
    article, _claim = covered_article()
    with django_capture_on_commit_callbacks(execute=True):
        review.submit(article, by=editor, note="Graag voor vrijdag.")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert article.audit_entries.filter(action="review_submit", actor=editor).exists()
    [message] = mail.outbox
    assert message.to == ["dokter@example.test"]
    assert article.title in message.subject and "Graag voor vrijdag." in message.body


def test_approval_and_change_requests_notify_the_editor_who_submitted(
    editor, django_capture_on_commit_callbacks
):
    reviewer = make_reviewer("dokter")
    article, _claim = covered_article()
    review.submit(article, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        review.request_changes(
            article,
            by=reviewer,
            comment="Noem de dosis.",
            revision=revisions.current_revision(article),
        )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert mail.outbox[-1].to == [editor.email] and "Noem de dosis." in mail.outbox[-1].body
    assert "Noem de dosis" in " ".join(p.message for p in readiness(article))
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(article, by=reviewer, revision=revisions.current_revision(article))
    assert mail.outbox[-1].to == [editor.email] and "goedgekeurd" in mail.outbox[-1].body
    assert article.audit_entries.filter(action="review_approve", actor=reviewer).exists()


def test_request_for_changes_needs_a_comment():
    article, _claim = covered_article()
    with pytest.raises(ValidationError) as refused:
        review.request_changes(
            article, by=make_reviewer(), comment="  ", revision=revisions.current_revision(article)
        )
    assert "welke wijzigingen" in refused.value.messages[0]


def test_approval_sets_review_due_from_the_setting(settings):
    settings.GUTCHECK = {**settings.GUTCHECK, "REVIEW_VALID_DAYS": 30}
    article, _claim = covered_article()
    approval = make_approval(article)
    article.refresh_from_db()
    assert (article.review_due - approval.created_at.date()).days == 30


def test_public_byline_names_reviewer_credentials_and_date(client):
    reviewer = make_reviewer("dokter")
    make_author(
        user=reviewer, name="Dr. Eva de Wit", credentials="dermatoloog", big_number="19012345601"
    )
    article = make_article(body="Tekst zonder claims.")
    make_approval(article, by=reviewer)
    article.publish(by=None)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Medisch beoordeeld door" in page
    assert "Dr. Eva de Wit" in page and "dermatoloog" in page and "19012345601" in page
    assert article.current_edition.reviewer["name"] == "Dr. Eva de Wit"
    assert '"reviewedBy"' in article.current_edition.json_ld


class TestReviewPage:
    def url(self, article):
        return reverse("admin:blog_article_review", args=[article.pk])

    def test_reviewer_approves_from_the_admin(self, client):
        reviewer = make_reviewer("dokter")
        article, _claim = covered_article()
        client.force_login(reviewer)
        page = client.get(self.url(article))
        assert page.status_code == 200 and "Zink vermindert acne mogelijk." in page.content.decode()
        shown = {  # the hidden fields, as the browser sends them back
            name: re.search(rf'name="{name}" value="([^"]*)"', page.content.decode()).group(1)
            for name in ("revision", "content")
        }
        response = client.post(
            self.url(article), {**shown, "decision": "approve", "comment": "Klopt."}
        )
        assert response.status_code == 302
        assert review.current_approval(article).comment == "Klopt."

    def test_stale_approval_is_refused_with_a_message_and_the_comment_kept(self, client):
        reviewer = make_reviewer("dokter")
        article, claim = covered_article()
        client.force_login(reviewer)
        seen = revisions.current_revision(article).number
        claim.statement = "Zink vermindert acne."
        claim.save()
        response = client.post(
            self.url(article),
            {"revision": seen, "decision": "approve", "comment": "Mijn toelichting"},
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert "daarna gewijzigd" in body and "Mijn toelichting" in body
        assert "Bewering van claim" in body  # what changed since the version they judged
        assert review.current_approval(article) is None

    def test_asking_for_changes_without_saying_which_is_refused(self, client):
        article, _claim = covered_article()
        client.force_login(make_reviewer("dokter"))
        response = client.post(
            self.url(article),
            {"revision": revisions.current_revision(article).number, "decision": "changes"},
        )
        assert "Schrijf op welke wijzigingen nodig zijn." in response.content.decode()
        assert review.latest_decision(article) is None

    def test_editor_without_review_permission_gets_403(self, client, editor):
        article, _claim = covered_article()
        client.force_login(editor)
        assert client.get(self.url(article)).status_code == 403

    def test_own_article_warning_and_refusal(self, client):
        reviewer = make_reviewer("dokter")
        article, _claim = covered_article(authors=[make_author(user=reviewer)])
        client.force_login(reviewer)
        response = client.post(
            self.url(article),
            {"revision": revisions.current_revision(article).number, "decision": "approve"},
        )
        assert "eigen artikel" in response.content.decode()
        assert review.current_approval(article) is None


def test_submit_page_offers_review_to_editors(client, editor):
    article, _claim = covered_article()
    client.force_login(editor)
    response = client.post(
        reverse("admin:blog_article_submit", args=[article.pk]), {"note": "Klaar"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_published_article_stays_public_while_re_reviewed(editor):
    article = make_published_article(by=editor)
    review.submit(article, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.is_public


def test_submitting_a_withdrawn_article_is_refused(editor):
    article = make_published_article(by=editor)
    article.withdraw(by=editor, reason="Onjuist.")
    with pytest.raises(ValidationError):
        review.submit(article, by=make_staff())
