"""Revisions are recorded by the paths that edit an article, each once, in the editor's name.

The article admin's save, revert, publish, the claim admin, and the linter panel's "mark as
claim" each call record_revision themselves. A plain ORM save() records none: nothing listens
to post_save. And no GET writes a revision.
"""

import pytest
from django.urls import reverse

from blog.models import Article, Revision
from blog.workflow import review, revisions
from evidence import linting
from evidence.assessment import ArticleEvidence
from evidence.models import Claim
from tests.evidence_helpers import article_change_url, post_admin_form
from tests.factories import (
    make_article,
    make_citation,
    make_claim,
    make_ready,
    make_reviewer,
    make_staff,
)

pytestmark = pytest.mark.django_db

UNMARKED = "Kefir ondersteunt je darmen na een antibioticakuur."


@pytest.fixture
def boss():
    return make_staff("baas", is_superuser=True)


def new_revisions(article, since):
    return list(article.revisions.filter(number__gt=since).order_by("number"))


def recorded(article):
    """The article with its edits so far on record, and the newest revision's number."""
    return revisions.record_revision(article).number


def test_a_plain_save_records_no_revision():
    article = make_article(title="Oud")
    Article.objects.create(title="Direct", slug="direct", body="Tekst.")
    article.title = "Nieuw"
    article.save()
    assert not Revision.objects.exists()


def test_the_admin_save_records_one_revision_by_the_editor(client, boss):
    article = make_article(title="Oud")
    since = recorded(article)
    client.force_login(boss)
    response = post_admin_form(client, article_change_url(article), {"title": "Nieuw"})
    assert response.status_code == 302
    [revision] = new_revisions(article, since)
    assert revision.created_by == boss and revision.data["fields"]["title"] == "Nieuw"


def test_the_claim_admin_records_one_revision_by_the_editor(client, boss):
    article = make_article(body="Tekst [[claim:zink]].")
    claim = make_claim(article, key="zink", statement="Zink helpt.")
    make_citation(claim)
    since = recorded(article)
    client.force_login(boss)
    url = reverse("admin:evidence_claim_change", args=[claim.pk])
    response = post_admin_form(client, url, {"statement": "Zink helpt mogelijk."})
    assert response.status_code == 302
    [revision] = new_revisions(article, since)
    assert revision.created_by == boss
    assert revision.data["claims"][0]["fields"]["statement"] == "Zink helpt mogelijk."


def test_deleting_a_claim_in_its_admin_records_one_revision(client, boss):
    article = make_article(body="Tekst.")
    claim = make_claim(article, key="weg")
    since = recorded(article)
    client.force_login(boss)
    url = reverse("admin:evidence_claim_delete", args=[claim.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    [revision] = new_revisions(article, since)
    assert revision.created_by == boss and revision.data["claims"] == []


def test_revert_records_one_revision_by_the_editor(client, editor):
    article = make_article(title="Eerst")
    first = revisions.record_revision(article)
    article.title = "Later"
    article.save()
    since = recorded(article)
    client.force_login(editor)
    url = reverse("admin:blog_article_revert", args=[article.pk, first.number])
    assert client.post(url).status_code == 302
    [revision] = new_revisions(article, since)
    assert revision.created_by == editor and revision.data["fields"]["title"] == "Eerst"


def test_publish_records_the_edit_it_makes_public_as_one_revision(editor, review_not_required):
    article = make_ready(make_article(title="Eerst"))
    since = recorded(article)
    article.title = "Wat lezers zien"
    article.save()  # a plain save: not on record yet
    assert new_revisions(article, since) == []
    article.publish(by=editor)
    [revision] = new_revisions(article, since)
    assert revision.created_by == editor and revision.data["fields"]["title"] == "Wat lezers zien"


def test_mark_as_claim_records_one_revision_with_the_marker_and_the_claim(client, editor):
    article = make_article(body=f"Over kefir.\n\n{UNMARKED}")
    since = recorded(article)
    [finding] = [r.finding for r in ArticleEvidence.load(article).lint_rows]
    client.force_login(editor)
    response = client.post(
        reverse("admin:blog_article_lint_mark", args=[article.pk]),
        {
            "category": finding.category,
            "sentence_hash": finding.sentence_hash,
            "seen_body_hash": linting.body_hash(article.body),
        },
    )
    assert response.status_code == 302
    claim = Claim.objects.get(article=article)
    [revision] = new_revisions(article, since)
    assert revision.created_by == editor
    assert f"[[claim:{claim.key}]]" in revision.data["fields"]["body"]
    assert [c["key"] for c in revision.data["claims"]] == [claim.key]


def test_no_get_writes_a_revision(client, editor):
    article = make_article(title="Oud")
    recorded(article)
    article.title = "Niet op papier"
    article.save()
    before = Revision.objects.count()
    client.force_login(make_staff("baas", is_superuser=True))
    for name in ("change", "versions", "review", "compare"):
        response = client.get(reverse(f"admin:blog_article_{name}", args=[article.pk]))
        assert response.status_code in (200, 302), name
    assert client.get(article.get_absolute_url()).status_code in (200, 404)
    assert Revision.objects.count() == before


def test_an_article_without_history_shows_an_empty_versions_page(client, editor):
    article = make_article(title="Alleen via de ORM")
    client.force_login(editor)
    response = client.get(reverse("admin:blog_article_versions", args=[article.pk]))
    assert response.status_code == 200


def test_an_approval_records_the_new_review_date_as_one_revision_by_the_reviewer():
    article = make_article(body="Tekst.")
    since = recorded(article)
    reviewer = make_reviewer("dokter")
    review.approve(article, by=reviewer, revision=revisions.current_revision(article))
    [revision] = new_revisions(article, since)
    assert revision.created_by == reviewer and revision.data["fields"]["review_due"]
