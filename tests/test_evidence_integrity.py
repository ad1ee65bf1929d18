"""Retractions and expressions of concern propagate at once, and never alter a snapshot."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from audit.models import AuditEntry
from blog.models import Article
from evidence.models import Citation, Source
from evidence.readiness import readiness
from tests.evidence_helpers import post_admin_form
from tests.factories import (
    make_article,
    make_citation,
    make_claim,
    make_published_article,
    make_ready,
    make_source,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("review_not_required")]

RETRACTED_NOTICE = (
    "Een van de bronnen van dit artikel is ingetrokken; de redactie herziet dit artikel"
)


@pytest.fixture
def source():
    return make_source(title="Wankele studie")


@pytest.fixture
def published(source, editor):
    article = make_article(title="Live artikel", body="Zink helpt mogelijk [[claim:zink]].")
    make_citation(make_claim(article, key="zink"), source)
    make_ready(article)
    article.publish(by=editor)
    return article


@pytest.fixture
def draft(source):
    article = make_article(title="Concept artikel", body="Zink helpt mogelijk [[claim:zink]].")
    make_citation(make_claim(article, key="zink"), source)
    return article


def test_retraction_makes_drafts_citing_it_fail_the_gate(source, draft, editor):
    assert readiness(draft) == []
    source.set_integrity(Source.Integrity.RETRACTED, "Retraction Watch, 2024.", by=editor)
    assert "retracted_source" in [p.code for p in readiness(draft)]


def test_retraction_keeps_published_article_public_and_its_snapshot_untouched(
    source, published, editor, client
):
    before = Article.objects.get(pk=published.pk).current_edition
    source.set_integrity(Source.Integrity.RETRACTED, "Retraction notice.", by=editor)
    after = Article.objects.get(pk=published.pk)
    assert after.status == Article.Status.PUBLISHED
    assert (after.current_edition.pk, after.current_edition.body_html) == (
        before.pk,
        before.body_html,
    )
    page = client.get(published.get_absolute_url()).content.decode()
    assert RETRACTED_NOTICE in page
    assert "bewijs: matig" in page  # the stored rendering is served as it was


def test_public_notice_appears_only_for_articles_citing_the_source(source, published, client):
    other = make_published_article(title="Ander artikel")
    source.set_integrity(Source.Integrity.RETRACTED, "Retraction notice.")
    assert RETRACTED_NOTICE not in client.get(other.get_absolute_url()).content.decode()


def test_public_notice_for_an_expression_of_concern(source, published, client):
    source.set_integrity(Source.Integrity.CONCERN, "Expression of concern, 2024.")
    page = client.get(published.get_absolute_url()).content.decode()
    assert "expression of concern" in page and RETRACTED_NOTICE not in page


def test_notice_costs_one_query_and_clears_when_the_retraction_is_undone(
    source, published, client, django_assert_num_queries
):
    source.set_integrity(Source.Integrity.RETRACTED, "Per abuis.")
    source.set_integrity(Source.Integrity.NONE, "")
    assert RETRACTED_NOTICE not in client.get(published.get_absolute_url()).content.decode()
    with django_assert_num_queries(1):
        render_to_string(
            "evidence/_integrity_notice.html",
            {"live": {"citations": published.current_edition.citations}},
        )


def test_editors_are_emailed_with_every_article_citing_the_source(
    settings, source, published, draft, editor, django_capture_on_commit_callbacks
):
    settings.EDITORS_EMAIL = ["redactie@example.test"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        source.set_integrity(Source.Integrity.RETRACTED, "Retraction notice.", by=editor)
    [message] = mail.outbox
    assert message.to == ["redactie@example.test"]
    assert "Wankele studie" in message.subject
    assert "Live artikel" in message.body and "Concept artikel" in message.body


def test_retraction_is_audited_with_who_and_which_articles(source, published, draft, editor):
    source.set_integrity(Source.Integrity.RETRACTED, "Retraction notice.", by=editor)
    entry = AuditEntry.objects.get(action="source_integrity")
    assert (entry.actor, entry.from_state, entry.to_state) == (editor, "none", "retracted")
    assert set(entry.data["articles"]) == {published.pk, draft.pk}
    assert AuditEntry.objects.filter(action="source_integrity_flag", article=published).exists()


def test_a_notice_is_required():
    source = make_source()
    with pytest.raises(ValidationError) as refused:
        source.set_integrity(Source.Integrity.RETRACTED, "  ")
    assert "integrity_notice" in refused.value.message_dict
    source.refresh_from_db()
    assert source.integrity_status == Source.Integrity.NONE


def test_a_new_concern_asks_for_fresh_acknowledgement(source, draft):
    Citation.objects.update(concern_acknowledged=True)
    source.set_integrity(Source.Integrity.CONCERN, "EoC.")
    assert not Citation.objects.filter(concern_acknowledged=True).exists()
    assert [p.code for p in readiness(draft)] == ["source_concern"]


def test_admin_filter_lists_articles_citing_a_retracted_source(
    admin_client, source, published, draft
):
    make_published_article(title="Schoon artikel")
    source.set_integrity(Source.Integrity.RETRACTED, "Retraction notice.")
    url = reverse("admin:blog_article_changelist")
    page = admin_client.get(url, {"bronintegriteit": "retracted"}).content.decode()
    assert "citeert een ingetrokken bron" in page
    assert "Live artikel" in page and "Concept artikel" in page
    assert "Schoon artikel" not in page


def test_marking_retracted_in_the_source_admin_propagates(
    admin_client, source, published, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    url = reverse("admin:evidence_source_change", args=[source.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = post_admin_form(
            admin_client,
            url,
            {
                "integrity_status": "retracted",
                "integrity_notice": "https://example.org/notice",
            },
        )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.is_retracted and source.integrity_checked_at is not None
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="source_integrity").exists()


def test_source_admin_refuses_a_retraction_without_notice(admin_client, source):
    url = reverse("admin:evidence_source_change", args=[source.pk])
    response = post_admin_form(admin_client, url, {"integrity_status": "retracted"})
    assert response.status_code == 200
    assert "Beschrijf de melding" in response.content.decode()
    source.refresh_from_db()
    assert not source.is_retracted
