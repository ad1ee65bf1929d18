"""The review-due dashboard: due or nearly due reviews, flagged sources, old evidence."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from evidence.models import Source
from tests.factories import (
    make_article,
    make_citation,
    make_claim,
    make_published_article,
    make_source,
    make_staff,
)

pytestmark = pytest.mark.django_db

URL = reverse("admin:blog_article_review_due")


def due_in(days, **kwargs):
    article = make_published_article(**kwargs)
    Article.objects.filter(pk=article.pk).update(
        review_due=timezone.localdate() + datetime.timedelta(days=days)
    )
    return article


def dashboard(client, user=None):
    client.force_login(user or make_staff(perms=["blog.view_article"]))
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_lists_overdue_and_nearly_due_articles_but_not_later_ones(client, settings):
    settings.GUTCHECK = {**settings.GUTCHECK, "REVIEW_DUE_WARNING_DAYS": 30}
    due_in(-10, title="Al te laat")
    due_in(20, title="Bijna zover")
    due_in(200, title="Nog lang goed")
    body = dashboard(client)
    assert "Al te laat" in body and "10 dagen te laat" in body
    assert "Bijna zover" in body and "nog 20 dagen" in body
    assert "Nog lang goed" not in body


def test_approval_defaults_review_due_three_years_ahead():
    article = make_published_article()
    article.refresh_from_db()
    assert article.review_due == timezone.localdate() + datetime.timedelta(days=3 * 365)


def test_lists_articles_citing_retracted_or_corrected_sources(client):
    article = make_article(title="Artikel met wankele bron", body="[[claim:x]]")
    claim = make_claim(article, key="x")
    recent = timezone.localdate().year
    make_citation(
        claim,
        make_source(
            title="Ingetrokken studie", year=recent, integrity_status=Source.Integrity.RETRACTED
        ),
    )
    clean = make_article(title="Schoon artikel", body="[[claim:y]]")
    make_citation(make_claim(clean, key="y"), make_source(title="Degelijke studie", year=recent))
    body = dashboard(client)
    assert "Artikel met wankele bron" in body and "Ingetrokken studie" in body
    assert "Schoon artikel" not in body


def test_lists_claims_whose_newest_source_is_too_old(client, settings):
    settings.GUTCHECK = {**settings.GUTCHECK, "STALE_EVIDENCE_YEARS": 5}
    this_year = timezone.localdate().year
    article = make_article(title="Oud bewijs", body="[[claim:oud]] [[claim:vers]]")
    old = make_claim(article, key="oud", statement="Alleen oude studies.")
    make_citation(old, make_source(year=this_year - 12))
    make_citation(old, make_source(year=this_year - 8))
    fresh = make_claim(article, key="vers", statement="Ook een recente studie.")
    make_citation(fresh, make_source(year=this_year - 12))
    make_citation(fresh, make_source(year=this_year - 1))
    body = dashboard(client)
    assert "Alleen oude studies." in body and str(this_year - 8) in body
    assert "Ook een recente studie." not in body


def test_withdrawn_articles_are_left_out(client, editor):
    article = due_in(-5, title="Al teruggetrokken", by=editor)
    article.withdraw(by=editor, reason="Klopt niet meer.")
    assert "Al teruggetrokken" not in dashboard(client)


def test_moderators_cannot_open_the_dashboard(client):
    client.force_login(make_staff(groups=["Moderators"]))
    assert client.get(URL).status_code == 403
