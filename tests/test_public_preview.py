"""Staff with change permission may look at an unpublished article at its URL; nobody else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_published_article, make_ready, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def changer(client):
    user = make_staff(perms=["blog.change_article"])
    client.force_login(user)
    return user


def _draft(**kwargs):
    kwargs.setdefault("title", "Conceptartikel over zink")
    return make_article(**kwargs)


def test_staff_with_change_permission_sees_draft_with_banner_noindex_and_no_cache(client, changer):
    article = _draft()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    assert "Conceptartikel over zink" in text
    assert 'class="draft-banner"' in text and "Concept" in text
    assert '<meta name="robots" content="noindex, nofollow">' in text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control and "no-store" in cache_control
    assert "private" in cache_control


def test_preview_shows_the_working_copy_not_the_published_one(client, changer):
    article = _draft(body="Eerste versie van de tekst.")
    article.body = "Tweede versie van de tekst."
    article.save()
    assert "Tweede versie" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "who",
    ["anonymous", "reader", "staff_without_permission", "staff_with_view_only"],
)
def test_everyone_else_gets_404_for_a_draft(client, who):
    article = _draft()
    users = {
        "reader": lambda: make_user(),
        "staff_without_permission": lambda: make_staff(),
        "staff_with_view_only": lambda: make_staff(perms=["blog.view_article"]),
    }
    if who in users:
        client.force_login(users[who]())
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    text = response.content.decode()
    assert "Conceptartikel over zink" not in text
    assert "Deze pagina bestaat niet (meer)" in text


def test_scheduled_article_is_404_for_readers_until_published(client, editor):
    article = _draft()
    make_ready(article)
    article.schedule(at=timezone.now() + timedelta(hours=2), by=editor)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_withdrawn_article_is_gone_for_readers_and_marked_for_staff(client, editor):
    article = make_published_article(by=editor, title="Ingetrokken stuk", body="Geheime tekst.")
    article.withdraw(by=editor, reason="Verkeerde bron.")
    reader_view = client.get(article.get_absolute_url())
    assert reader_view.status_code in (404, 410)  # 410: the withdrawal notice, never the text
    assert "Geheime tekst." not in reader_view.content.decode()
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Teruggetrokken" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_published_page_is_indexable_and_has_no_banner(client, editor):
    article = make_published_article(by=editor)
    response = client.get(article.get_absolute_url())
    text = response.content.decode()
    assert response.status_code == 200
    assert "draft-banner" not in text and "noindex" not in text
    assert not response.has_header("X-Robots-Tag")


def test_staff_on_a_published_page_see_what_readers_see(client, editor):
    article = make_published_article(by=editor, title="Gepubliceerde titel")
    article.title = "Nog niet gepubliceerde titel"
    article.save()
    client.force_login(editor)
    text = client.get(article.get_absolute_url()).content.decode()
    assert "Gepubliceerde titel" in text and "Nog niet gepubliceerde titel" not in text
    assert "draft-banner" not in text
