"""No silent overwrite: the second editor to save a stale copy is stopped and loses nothing."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from blog.models import Article
from blog.workflow import revisions
from blog.workflow.forms import RevisionGuardMixin
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


def test_a_save_that_does_not_say_which_version_it_opened_is_a_conflict(two_editors):
    first, _second = two_editors
    article = make_article(body="Oorspronkelijk.")
    revisions.record_revision(article)
    url = reverse("admin:blog_article_change", args=[article.pk])
    data = admin_post_data(article, body="Zonder basisversie.")
    del data["base_revision"]
    refused = first.post(url, data)
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "gaf niet aan bij welke versie" in body and "Zonder basisversie." in body
    assert Article.objects.get(pk=article.pk).body == "Oorspronkelijk."
    again = first.post(url, {**data, "base_revision": opened_version(refused)})
    assert again.status_code == 302
    assert Article.objects.get(pk=article.pk).body == "Zonder basisversie."


class _BothInside:
    """Holds each save just after its conflict check until both editors have passed theirs,
    the moment at which the old check (no row lock) let both through."""

    def __init__(self):
        self.arrived = threading.Barrier(2, timeout=2)

    def wait(self):
        try:
            self.arrived.wait()
        except threading.BrokenBarrierError:
            pass  # the other save is waiting for our lock: it cannot get here before we commit


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite runs one write transaction at a time, so two saves "
    "never overlap there",
)
@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_the_same_version_at_once_one_is_refused(monkeypatch):
    anna = make_staff("anna", perms=EDITOR_PERMS)
    bram = make_staff("bram", perms=EDITOR_PERMS)
    article = make_article(body="Oorspronkelijk.")
    revisions.record_revision(article)
    base = revisions.latest_number(article)
    url = reverse("admin:blog_article_change", args=[article.pk])
    both_inside = _BothInside()
    checked = RevisionGuardMixin.clean

    def clean_then_wait(form):
        cleaned = checked(form)
        both_inside.wait()
        return cleaned

    monkeypatch.setattr(RevisionGuardMixin, "clean", clean_then_wait)
    start = threading.Barrier(2)

    def save_as(user, body):
        client = Client()
        client.force_login(user)
        start.wait()
        try:
            return client.post(url, admin_post_data(article, body=body, base_revision=base))
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=2) as pool:
        responses = list(pool.map(save_as, [anna, bram], ["Anna's versie.", "Brams versie."]))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 302], statuses  # one saved, one shown the conflict
    saved = Article.objects.get(pk=article.pk).body
    refused = next(r for r in responses if r.status_code == 200).content.decode()
    assert saved in {"Anna's versie.", "Brams versie."}
    assert "gewijzigd sinds je het opende" in refused
