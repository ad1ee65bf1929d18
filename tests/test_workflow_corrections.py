"""Corrections and withdrawal: notes on the article, a log, a notice at a withdrawn URL."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Correction
from blog.workflow import corrections
from tests.factories import make_approval, make_article, make_published_article

pytestmark = pytest.mark.django_db


def test_withdrawal_leaves_a_notice_with_the_reason_at_the_old_address(client, editor):
    article = make_published_article(by=editor, title="Wonderpil tegen acne")
    article.withdraw(by=editor, reason="De belangrijkste studie is ingetrokken.")
    response = client.get(article.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 410
    assert "teruggetrokken" in body and "De belangrijkste studie is ingetrokken." in body
    assert "Wonderpil tegen acne" in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_withdrawal_needs_a_reason(editor):
    article = make_published_article(by=editor)
    with pytest.raises(ValidationError):
        article.withdraw(by=editor, reason=" ")
    assert not Correction.objects.exists()


def test_withdraw_page_keeps_the_form_on_a_missing_reason(client, editor):
    article = make_published_article(by=editor)
    client.force_login(editor)
    response = client.post(
        reverse("admin:blog_article_withdraw", args=[article.pk]), {"reason": ""}
    )
    assert response.status_code == 200 and "Geef een reden op" in response.content.decode()
    article.refresh_from_db()
    assert article.is_public


def test_material_correction_is_published_and_shown_on_the_article(client, editor):
    article = make_published_article(by=editor, body="De dosis is 500 mg.")
    article.body = "De dosis is 50 mg."
    article.save()
    make_approval(article)
    client.force_login(editor)
    response = client.post(
        reverse("admin:blog_article_correct", args=[article.pk]),
        {"note": "Eerder stond hier 500 mg; dat moet 50 mg zijn."},
    )
    assert response.status_code == 302
    client.logout()
    body = client.get(article.get_absolute_url()).content.decode()
    assert "Correctie op" in body and "dat moet 50 mg zijn" in body
    assert "De dosis is 50 mg." in body


def test_correction_refused_by_the_gate_records_nothing(editor):
    article = make_published_article(by=editor, body="Tekst.")
    article.body = "Nieuwe tekst."
    article.save()  # the medical review is now stale
    with pytest.raises(ValidationError):
        corrections.publish_correction(article, by=editor, note="Verbeterd.")
    assert not Correction.objects.exists()
    assert "Nieuwe tekst." not in article.current_edition.body_html


def test_corrections_log_lists_corrections_and_withdrawals_newest_first(client, editor):
    first = make_published_article(by=editor, title="Eerste artikel")
    corrections.publish_correction(first, by=editor, note="Jaartal verbeterd.")
    second = make_published_article(by=editor, title="Tweede artikel")
    second.withdraw(by=editor, reason="Niet meer juist.")
    body = client.get(reverse("blog:corrections")).content.decode()
    assert body.index("Niet meer juist.") < body.index("Jaartal verbeterd.")
    assert "Eerste artikel" in body and "Tweede artikel" in body
    assert first.get_absolute_url() in body


def test_corrections_partial_costs_one_query(client, editor):
    article = make_published_article(by=editor)
    corrections.publish_correction(article, by=editor, note="Eén.")
    corrections.publish_correction(article, by=editor, note="Twee.")
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())
    assert len([q for q in queries.captured_queries if "blog_correction" in q["sql"]]) == 1


def test_draft_is_still_a_plain_404_not_a_withdrawal_notice(client):
    draft = make_article()
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
