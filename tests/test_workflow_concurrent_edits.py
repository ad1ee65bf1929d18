"""No silent overwrite: the second editor to save a stale copy is stopped and loses nothing."""

import re

import pytest
from django.urls import reverse

from blog.models import Article
from blog.workflow import revisions
from tests.factories import make_article, make_staff
from tests.test_workflow_revisions import admin_post_data

pytestmark = pytest.mark.django_db

EDITOR_PERMS = [
    "blog.change_article",
    "blog.view_article",
    "blog.add_article",
    "evidence.add_claim",
    "evidence.change_claim",
    "evidence.view_claim",
    "evidence.delete_claim",
    "evidence.add_articledisclaimer",
    "evidence.change_articledisclaimer",
    "evidence.view_articledisclaimer",
    "evidence.delete_articledisclaimer",
]


@pytest.fixture
def two_editors():
    from django.test import Client

    anna = make_staff("anna", perms=EDITOR_PERMS)
    bram = make_staff("bram", perms=EDITOR_PERMS)
    first, second = Client(), Client()
    first.force_login(anna)
    second.force_login(bram)
    return first, second


def opened_version(page):
    """The hidden revision number the change form was rendered with."""
    match = re.search(r'name="base_revision" value="(\d+)"', page.content.decode())
    assert match, "the change form carries the revision it was opened at"
    return match.group(1)


def test_second_editor_is_stopped_with_a_diff_link_and_keeps_their_text(two_editors):
    first, second = two_editors
    article = make_article(title="Origineel", body="Oorspronkelijke tekst.")
    url = reverse("admin:blog_article_change", args=[article.pk])
    opened_first = opened_version(first.get(url))
    opened_second = opened_version(second.get(url))

    saved = first.post(
        url, admin_post_data(article, body="Anna's versie.", base_revision=opened_first)
    )
    assert saved.status_code == 302
    refused = second.post(
        url, admin_post_data(article, body="Brams eigen zinnen.", base_revision=opened_second)
    )

    body = refused.content.decode()
    assert refused.status_code == 200
    assert "gewijzigd sinds je het opende" in body
    compare = reverse("admin:blog_article_compare", args=[article.pk])
    assert f"{compare}?from={opened_second}&amp;to=" in body
    assert "Brams eigen zinnen." in body  # what Bram typed is still in the form
    assert Article.objects.get(pk=article.pk).body == "Anna's versie."


def test_saving_again_after_the_warning_is_a_deliberate_overwrite(two_editors):
    first, second = two_editors
    article = make_article(body="Oorspronkelijk.")
    url = reverse("admin:blog_article_change", args=[article.pk])
    stale = opened_version(second.get(url))
    first.post(url, admin_post_data(article, body="Anna.", base_revision=stale))
    refused = second.post(url, admin_post_data(article, body="Bram.", base_revision=stale))
    moved_to = opened_version(refused)
    assert int(moved_to) == revisions.latest_number(article)
    again = second.post(url, admin_post_data(article, body="Bram.", base_revision=moved_to))
    assert again.status_code == 302
    assert Article.objects.get(pk=article.pk).body == "Bram."


def test_an_editor_saving_twice_in_a_row_is_not_stopped(two_editors):
    first, _second = two_editors
    article = make_article(body="Een.")
    url = reverse("admin:blog_article_change", args=[article.pk])
    first.post(
        url,
        admin_post_data(
            article, body="Twee.", base_revision=opened_version(first.get(url)), _continue="1"
        ),
    )
    again = first.post(
        url, admin_post_data(article, body="Drie.", base_revision=opened_version(first.get(url)))
    )
    assert again.status_code == 302
    assert Article.objects.get(pk=article.pk).body == "Drie."
