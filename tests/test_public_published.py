"""Article.objects.published(): the one definition of what readers may see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Article
from tests.factories import make_article, make_published_article, make_ready, publish_as_of

pytestmark = pytest.mark.django_db


def _published_titles():
    return set(Article.objects.published().values_list("title", flat=True))


def test_drafts_are_not_published():
    make_article(title="Concept")
    assert _published_titles() == set()


def test_publish_makes_an_article_published(editor):
    make_published_article(by=editor, title="Live")
    assert _published_titles() == {"Live"}


def test_a_scheduled_article_is_not_published_before_the_scheduler_runs(editor):
    article = make_article(title="Gepland")
    make_ready(article)
    article.schedule(at=timezone.now() + timedelta(minutes=5), by=editor)
    assert _published_titles() == set()


def test_a_withdrawn_article_leaves_published(editor):
    article = make_published_article(by=editor, title="Weg")
    article.withdraw(by=editor, reason="Fout in de bron.")
    assert _published_titles() == set()


def test_editing_a_published_article_keeps_it_published_with_its_live_title(editor):
    article = make_published_article(by=editor, title="Eerst")
    article.title = "Later"
    article.save()
    assert _published_titles() == {"Later"}  # the working copy's title…
    live = Article.objects.published().values_list("current_edition__title", flat=True)
    assert list(live) == ["Eerst"]  # …but readers are served the current edition


def test_a_row_marked_published_without_an_edition_is_not_published(editor):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(status="published", published_at=timezone.now())
    assert not Article.objects.published().exists()


def test_for_listing_orders_newest_first_and_builds_on_published(editor):
    old = make_ready(make_article(title="Oud"))
    publish_as_of(old, timezone.now() - timedelta(days=3), by=editor)
    make_published_article(by=editor, title="Nieuw")
    make_article(title="Concept")
    titles = [a.current_edition.title for a in Article.objects.for_listing()]
    assert titles == ["Nieuw", "Oud"]
