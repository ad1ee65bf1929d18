"""Preview links: show a draft to an outside reviewer until the link expires or is revoked."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import PreviewLink
from blog.workflow import previews
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_article(title="Geheim concept", body="Nog niet af.")


def open_link(client, link):
    return client.get(reverse("blog:preview", kwargs={"token": link.token}))


def test_link_shows_the_draft_with_banner_noindex_and_no_cache(client, draft, editor):
    link = previews.create_link(draft, by=editor, label="externe dermatoloog")
    response = open_link(client, link)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Geheim concept" in body and "Nog niet af." in body
    assert "draft-banner" in body and "Deze previewlink werkt tot" in body
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_draft_is_still_hidden_at_its_own_address(client, draft, editor):
    previews.create_link(draft, by=editor)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_tokens_are_long_and_unique(draft, editor):
    first = previews.create_link(draft, by=editor)
    second = previews.create_link(draft, by=editor)
    assert first.token != second.token and len(first.token) >= 40


def test_expired_link_says_so_with_410(client, draft, editor):
    link = previews.create_link(draft, by=editor)
    PreviewLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = open_link(client, link)
    body = response.content.decode()
    assert response.status_code == 410
    assert "verlopen" in body and "Geheim concept" not in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_revoked_link_says_so_with_410(client, draft, editor):
    link = previews.create_link(draft, by=editor)
    previews.revoke_link(link, by=editor)
    response = open_link(client, link)
    assert response.status_code == 410
    assert "ingetrokken" in response.content.decode()
    assert "Geheim concept" not in response.content.decode()


def test_unknown_token_is_a_404_with_a_sentence(client):
    response = client.get(reverse("blog:preview", kwargs={"token": "bestaat-niet"}))
    assert response.status_code == 404
    assert "bestaat niet" in response.content.decode()


def test_validity_outside_1_to_30_days_is_refused(client, draft, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:blog_article_previews", args=[draft.pk]), {"label": "Lotte", "days": 90}
    )
    assert response.status_code == 200
    assert not PreviewLink.objects.exists()
    assert 'value="Lotte"' in response.content.decode()


def test_editor_creates_and_revokes_a_link_in_the_admin(client, draft, editor):
    client.force_login(editor)
    url = reverse("admin:blog_article_previews", args=[draft.pk])
    client.post(url, {"label": "Lotte", "days": 3})
    link = PreviewLink.objects.get()
    assert link.created_by == editor and link.label == "Lotte"
    assert link.token in client.get(url).content.decode()
    client.post(reverse("admin:blog_article_revoke_preview", args=[draft.pk, link.pk]))
    link.refresh_from_db()
    assert link.is_revoked and link.revoked_by == editor
    assert draft.audit_entries.filter(action="preview_revoke").exists()


def test_staff_without_change_permission_cannot_make_links(client, draft):
    client.force_login(make_staff(perms=["blog.view_article"]))
    response = client.post(reverse("admin:blog_article_previews", args=[draft.pk]), {"days": 3})
    assert response.status_code == 403
    assert not PreviewLink.objects.exists()
