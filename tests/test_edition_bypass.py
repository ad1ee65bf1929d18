"""Only publish() and withdraw() change what readers see: every other write path, tried.

Each test takes a path that used to skip the gate (save() on a deferred instance,
QuerySet.update(), bulk_update(), loaddata) and shows, through the pages a reader
would open, that nothing became public and nothing public changed.
"""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from blog.models import Article, Edition
from tests.factories import make_article, make_published_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_article(title="Onaf concept", slug="onaf-concept", lead="Nog niet klaar.")


@pytest.fixture
def live(editor):
    return make_published_article(by=editor, title="Live titel", slug="live", lead="Live lead.")


def _public_surface(client):
    """Every page that lists articles, joined: what a reader could find anywhere."""
    urls = [
        reverse("blog:home"),
        reverse("blog:article_list"),
        reverse("feed-rss"),
        reverse("feed-atom"),
        reverse("sitemap"),
    ]
    for word in ("onaf", "stiekem"):  # the search page echoes the query: count its results
        found = client.get(reverse("blog:search"), {"q": word}).context["page"].paginator.count
        assert found == 0, word
    return "".join(client.get(url).content.decode() for url in urls)


def _assert_draft_hidden(client, draft):
    assert not Article.objects.published().filter(pk=draft.pk).exists()
    assert client.get(reverse("blog:article", args=[draft.slug])).status_code == 404
    surface = _public_surface(client)
    assert draft.title not in surface and draft.slug not in surface


def _assert_live_unchanged(client, live):
    page = client.get(reverse("blog:article", args=["live"]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Live titel" in text and "Live lead." in text and "Stiekem" not in text
    assert "stiekem" not in _public_surface(client).lower()


def test_update_cannot_publish_a_draft(client, draft):
    Article.objects.filter(pk=draft.pk).update(status="published", published_at=timezone.now())
    _assert_draft_hidden(client, draft)


def test_update_cannot_change_a_live_article(client, live):
    Article.objects.filter(pk=live.pk).update(
        title="Stiekem", lead="Stiekem.", slug="stiekem", status="draft"
    )
    _assert_live_unchanged(client, live)


def test_bulk_update_cannot_publish_or_change(client, draft, live):
    draft.status = "published"
    live.title = live.lead = "Stiekem"
    Article.objects.bulk_update([draft, live], ["status", "title", "lead"])
    _assert_draft_hidden(client, draft)
    _assert_live_unchanged(client, live)


@pytest.mark.parametrize("load", ["only", "defer", "plain"])
def test_save_cannot_publish_a_draft_whether_fields_are_deferred_or_not(client, draft, load):
    queryset = {
        "only": Article.objects.only("pk", "title"),
        "defer": Article.objects.defer("status", "published_at"),
        "plain": Article.objects.all(),
    }[load]
    article = queryset.get(pk=draft.pk)
    article.status = "published"
    article.published_at = timezone.now()
    try:
        article.save()
    except ValidationError:
        pass  # the plain instance's guard refuses outright; the deferred ones used to slip past
    _assert_draft_hidden(client, draft)


def test_save_on_a_deferred_live_article_changes_nothing_readers_see(client, live):
    article = Article.objects.only("pk").get(pk=live.pk)
    article.title, article.lead, article.slug = "Stiekem", "Stiekem.", "stiekem"
    article.save()
    _assert_live_unchanged(client, live)


def _fixture(tmp_path, objects):
    path = tmp_path / "fixture.json"
    path.write_text(json.dumps(objects))
    return str(path)


def _article_fixture(pk, **fields):
    return {
        "model": "blog.article",
        "pk": pk,
        "fields": {
            "title": "Stiekem",
            "slug": f"stiekem-{pk}",
            "language": "nl",
            "lead": "Stiekem.",
            "body": "Stiekem [[claim:niets]].",
            "status": "published",
            "published_at": "2024-01-01T00:00:00Z",
            "created_at": "2024-01-01T00:00:00Z",
            "modified_at": "2024-01-01T00:00:00Z",
            **fields,
        },
    }


def test_loading_an_article_fixture_cannot_publish_a_new_article(client, tmp_path):
    call_command("loaddata", _fixture(tmp_path, [_article_fixture(9001)]), verbosity=0)
    assert Article.objects.filter(pk=9001, status="published").exists()  # the row is there…
    assert client.get(reverse("blog:article", args=["stiekem-9001"])).status_code == 404
    assert "Stiekem" not in _public_surface(client)  # …but nobody sees it


def test_loading_an_article_fixture_over_a_live_article_changes_nothing_readers_see(
    client, live, tmp_path
):
    call_command("loaddata", _fixture(tmp_path, [_article_fixture(live.pk)]), verbosity=0)
    assert Article.objects.get(pk=live.pk).title == "Stiekem"
    _assert_live_unchanged(client, live)


def test_loading_an_edition_fixture_is_refused(client, draft, tmp_path):
    edition = {
        "model": "blog.edition",
        "pk": 9001,
        "fields": {
            "article": draft.pk,
            "number": 1,
            "is_current": True,
            "title": "Stiekem",
            "slug": "stiekem",
            "language": "nl",
            "lead": "Stiekem.",
            "body_html": "<p>Stiekem</p>",
            "fingerprint": "x",
            "first_slug": "stiekem",
            "first_published_at": "2024-01-01T00:00:00Z",
            "published_at": "2024-01-01T00:00:00Z",
        },
    }
    with pytest.raises(ValidationError):
        call_command("loaddata", _fixture(tmp_path, [edition]), verbosity=0)
    assert not Edition.objects.exists()
    assert client.get(reverse("blog:article", args=["stiekem"])).status_code == 404


def test_an_edition_cannot_be_saved_updated_or_relinked_outside_publishing(client, live):
    edition = live.current_edition
    edition.title = edition.search_text = "Stiekem"
    with pytest.raises(ValidationError):
        edition.save()
    with pytest.raises(ValidationError):
        Edition.objects.filter(pk=edition.pk).update(title="Stiekem", search_text="stiekem")
    with pytest.raises(ValidationError):
        Edition.objects.bulk_update([edition], ["title"])
    tag = Tag.objects.create(name="Stiekem", slug="stiekem-tag")
    with pytest.raises(ValidationError), transaction.atomic():
        edition.tags.add(tag)
    with pytest.raises(ValidationError):
        edition.delete()
    _assert_live_unchanged(client, live)


def test_withdraw_ends_the_current_edition_but_keeps_it_as_the_record(client, editor, live):
    live.withdraw(by=editor, reason="Bron ingetrokken.")
    assert client.get(reverse("blog:article", args=["live"])).status_code == 410
    (edition,) = Edition.objects.filter(article=live)
    assert not edition.is_current and edition.withdrawn_at and edition.withdrawn_by == editor
    assert edition.title == "Live titel"
